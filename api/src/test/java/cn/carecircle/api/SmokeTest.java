package cn.carecircle.api;

import cn.carecircle.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class SmokeTest extends IntegrationTest {

    @Test
    void healthIsUp() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }
}
