package cn.carecircle.api.support;

import cn.carecircle.api.CareCircleApplication;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The api as the load drivers run it: in this JVM on a free port, against the run's own database and Redis prefix
 * ({@link TestInfrastructure}), with background work and the outbox relay on as in production, logging errors only.
 */
public record BenchServer(ConfigurableApplicationContext context, String baseUrl, WebTestClient http)
        implements AutoCloseable {

    public static BenchServer start() {
        TestInfrastructure.start();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CareCircleApplication.class)
                .profiles("test")
                // arguments, not default properties: they must win over application(-test).yaml
                .run(
                        "--server.port=0",
                        "--carecircle.jobs.enabled=true",
                        "--carecircle.outbox.kick-after-commit=true",
                        "--logging.level.root=ERROR",
                        "--logging.level.cn.carecircle=ERROR");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String baseUrl = "http://127.0.0.1:" + port;
        WebTestClient http = WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return new BenchServer(context, baseUrl, http);
    }

    @Override
    public void close() {
        context.close();
    }
}
