package cn.carecircle.api.ratings;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A community ready for dispatch (the lead's {@link DispatchScene}: its own region, a price list, a worker, a family
 * member with a bound elder), providers, and orders taken to COMPLETED over HTTP as they really are: offered,
 * accepted, checked in at the door with the elder's visit code, checked out.
 */
abstract class RatingScenario extends IntegrationTest {

    static final String PROBLEMS = "https://carecircle.cn/problems/";

    /** Presence lasts 90 s of the clock; a provider reports again when this much has passed since the last. */
    private static final Duration REPORT_AGAIN_AFTER = Duration.ofSeconds(60);

    @Autowired
    DatabaseClient db;

    @Autowired
    BackgroundWorker worker;

    DispatchScene scene;
    UUID community;
    WebTestClient staff;
    WebTestClient family;
    UUID elder;

    @BeforeEach
    void scenario() {
        clock.set(START);
        scene = DispatchScene.create(this);
        community = scene.community;
        staff = scene.worker;
        family = scene.family;
        elder = scene.elder;
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    /** A provider of the scene's community, credential verified, offline until they first serve an order. */
    Provider provider(String service) {
        return new Provider(scene.provider(service, "HEALTH_CERTIFICATE", true, "FEMALE"));
    }

    /** A provider, and when they last reported their presence. */
    static final class Provider {
        private final DispatchScene.Provider provider;
        private Instant reported;

        Provider(DispatchScene.Provider provider) {
            this.provider = provider;
        }

        UUID id() {
            return UUID.fromString(provider.id());
        }

        WebTestClient client() {
            return provider.client();
        }

        /** Goes online next to the elder unless they reported a moment ago (reports are rate-limited). */
        DispatchScene.Provider online(Instant now) {
            if (reported == null || !now.isBefore(reported.plus(REPORT_AGAIN_AFTER))) {
                provider.online();
                reported = now;
            }
            return provider;
        }
    }

    /** Places an order of this service for now (by the family member, or the worker for a phone-in elder). */
    UUID place(WebTestClient placer, String service) {
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", elder.toString());
        body.put("service", service);
        body.put("durationMinutes", 90);
        body.put("settlement", "PAID");
        return UUID.fromString(placer.post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }

    /** A cleaning placed by {@code placer} now, served by {@code provider} and completed over HTTP. */
    UUID completedOrder(WebTestClient placer, String service, Provider provider) {
        DispatchScene.Provider online = provider.online(clock.instant());
        UUID order = place(placer, service);
        scene.complete(online, order.toString());
        return order;
    }

    WebTestClient.ResponseSpec rate(WebTestClient who, UUID order, Map<String, Object> body) {
        return who.post()
                .uri("/api/v1/orders/{id}/rating", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** Rates the order at this level; emits the rating's JSON. */
    Map<?, ?> rated(WebTestClient who, UUID order, String level) {
        return rate(who, order, Map.of("level", level))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    Map<?, ?> followUp(WebTestClient who, Object caseId) {
        return who.get()
                .uri("/api/v1/follow-ups/{id}", caseId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    WebTestClient.ResponseSpec post(WebTestClient who, String uri, Object id, Map<String, Object> body) {
        return who.post()
                .uri(uri, id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** A district official covering these communities. */
    Official official(UUID... communities) {
        String uid = uid("official");
        Map<?, ?> created = fixtures.operator()
                .post()
                .uri("/api/v1/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "uid", uid, "displayName", "刘建国", "role", "DISTRICT_OFFICIAL", "communityIds", List.of((Object
                                        [])
                                communities)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return new Official(
                UUID.fromString(created.get("accountId").toString()), as(uid, Fixtures.roleClaim("DISTRICT_OFFICIAL")));
    }

    record Official(UUID accountId, WebTestClient client) {}

    /** Pushes written to the outbox for this account, of this kind. */
    long pushes(UUID account, String kind) {
        return db.sql("select count(*) as n from outbox_message where account_id = :a and kind = :k")
                .bind("a", account)
                .bind("k", kind)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    UUID accountOfProvider(Provider p) {
        return db.sql("select account_id from provider where id = :p")
                .bind("p", p.id())
                .map(row -> row.get("account_id", UUID.class))
                .one()
                .block();
    }
}
