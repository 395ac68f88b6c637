package cn.carecircle.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class SmokeTest extends IntegrationTest {

    @Test
    void healthIsUpWithTheDatabaseAndRedis() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        String metrics = http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("r2dbc_pool");
    }

    @Test
    void theContractAndItsDocsAreServedLocally() {
        http.get()
                .uri("/openapi.yaml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(yaml -> assertThat(yaml).contains("openapi: 3.1.0").contains("operationId: getMe"));
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void theClientConfigurationNeedsNoSignIn() {
        http.get()
                .uri("/api/v1/public/client-config")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firebaseProjectId")
                .isEqualTo("demo-carecircle")
                .jsonPath("$.authEmulatorUrl")
                .value(url -> assertThat(url.toString()).startsWith("http://127.0.0.1:"));
    }

    @Test
    void theAdminSiteAnswersItsDeepLinksWithTheApp() {
        String html = http.get()
                .uri("/admin/elders/123")
                .accept(MediaType.ALL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(html).contains("<div id=\"root\">");
        http.get()
                .uri("/admin/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk();

        // the app's own files are served as they are, whatever the browser accepts
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/admin/assets/[^\"]+\\.js)\"")
                .matcher(html);
        assertThat(script.find()).as("index.html names its script").isTrue();
        http.head()
                .uri(script.group(1))
                .accept(MediaType.ALL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/javascript");
        http.head()
                .uri("/admin/assets/no-such-file.js")
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
