package cn.carecircle.api.support;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the HTTP integration tests: the real application on a random port against the run's own PostgreSQL
 * database and Redis prefix, one context shared by every subclass, a clock the tests move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {

    public static final Instant START = Instant.parse("2026-11-23T02:00:00Z");

    static {
        TestInfrastructure.start();
    }

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected MutableClock clock;

    protected final Fixtures fixtures = new Fixtures(this);

    /** A client signed in as this Firebase user, with these custom claims. */
    protected WebTestClient as(String uid, Map<String, Object> claims) {
        String token = Tokens.idToken(uid, claims, Instant.now());
        return http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
    }

    protected WebTestClient as(String uid) {
        return as(uid, Map.of());
    }

    protected static String uid(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
