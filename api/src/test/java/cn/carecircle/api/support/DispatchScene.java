package cn.carecircle.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A community ready for dispatch, built through the API: its own region (so no other test's providers are
 * candidates), a price list, a worker, a family member with a bound elder at home, and cleaners to bring online.
 */
public final class DispatchScene {

    /** The elder's home, as {@link Fixtures#elderBody} registers it. */
    public static final Map<String, Object> HOME = Map.of("lat", 40.7571, "lon", 107.3902);
    /** About 300 m from the home: within the 15-minute circle, outside the check-in radius. */
    public static final Map<String, Object> NEARBY = Map.of("lat", 40.7598, "lon", 107.3902);
    /** At the door: about 20 m from the home. */
    public static final Map<String, Object> AT_THE_DOOR = Map.of("lat", 40.7572, "lon", 107.3903);

    public final IntegrationTest test;
    public final UUID community;
    public final WebTestClient operator;
    public final WebTestClient worker;
    public final WebTestClient family;
    public final UUID elder;

    private DispatchScene(IntegrationTest test) {
        this.test = test;
        this.community = test.fixtures.community();
        this.operator = test.fixtures.operator();
        test.fixtures.priceList(
                community,
                Fixtures.price("CLEANING", 90, 6000, true, 90),
                Fixtures.price("MEAL", 30, 1500, true, null),
                Fixtures.price("BATHING", 60, 8000, true, null));
        this.worker = test.fixtures.worker(community);
        this.family = test.fixtures.family();
        this.elder = test.fixtures.boundElder(family, worker, community);
    }

    public static DispatchScene create(IntegrationTest test) {
        return new DispatchScene(test);
    }

    /** A provider: their id and a client signed in as them. */
    public record Provider(String id, WebTestClient client) {

        /** Reports presence here (goes online). */
        public Provider at(Map<String, Object> position) {
            client.put()
                    .uri("/api/v1/providers/me/presence")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("position", position))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            return this;
        }

        public Provider online() {
            return at(NEARBY);
        }

        public Provider offline() {
            client.delete()
                    .uri("/api/v1/providers/me/presence")
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            return this;
        }

        /** The provider's open offers. */
        public List<Map<String, Object>> offers() {
            return client.get()
                    .uri("/api/v1/offers")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
        }

        /** The id of the provider's open offer of this order; fails when there is none. */
        public String offerOf(String orderId) {
            return offers().stream()
                    .filter(o -> orderId.equals(o.get("orderId")))
                    .map(o -> o.get("id").toString())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no open offer of order " + orderId));
        }

        public WebTestClient.ResponseSpec accept(String offerId) {
            return client.post().uri("/api/v1/offers/{id}/acceptance", offerId).exchange();
        }

        public WebTestClient.ResponseSpec checkIn(String orderId, Map<String, Object> position, String code) {
            return client.post()
                    .uri("/api/v1/jobs/{id}/check-in", orderId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("position", position, "visitCode", code))
                    .exchange();
        }

        public WebTestClient.ResponseSpec checkOut(String orderId, String note) {
            return client.post()
                    .uri("/api/v1/jobs/{id}/check-out", orderId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("note", note))
                    .exchange();
        }
    }

    /** A cleaner of this community, female, working every day; credential verified by the worker if asked. */
    public Provider cleaner(boolean verified) {
        return provider("CLEANING", "HEALTH_CERTIFICATE", verified, "FEMALE");
    }

    /** A volunteer cleaner of this community (serves time-bank orders only), credential verified. */
    public Provider volunteer() {
        return provider("CLEANING", "HEALTH_CERTIFICATE", true, "FEMALE", "VOLUNTEER");
    }

    public Provider provider(String service, String credentialKind, boolean verified, String gender) {
        return provider(service, credentialKind, verified, gender, null);
    }

    public Provider provider(String service, String credentialKind, boolean verified, String gender, String kind) {
        WebTestClient client = test.as(IntegrationTest.uid("provider"));
        Map<String, Object> body = new HashMap<>(Fixtures.providerBody(community, service, credentialKind));
        body.put("gender", gender);
        if (kind != null) {
            body.put("kind", kind);
        }
        body.put("workingHours", List.of());
        Map<?, ?> onboarded = client.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = onboarded.get("id").toString();
        if (verified) {
            String credential = ((Map<?, ?>) ((List<?>) onboarded.get("credentials")).get(0))
                    .get("id")
                    .toString();
            worker.post()
                    .uri("/api/v1/providers/{p}/credentials/{c}/verification", id, credential)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("verified", true))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        return new Provider(id, client);
    }

    /** Places a cleaning order for now; returns the order as JSON. */
    public Map<String, Object> placeCleaningNow() {
        return place(Map.of(
                "elderId", elder.toString(), "service", "CLEANING", "durationMinutes", 90, "settlement", "PAID"));
    }

    public String orderCleaningNow() {
        return placeCleaningNow().get("id").toString();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> place(Map<String, Object> body) {
        return family.post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> order(String orderId) {
        return family.get()
                .uri("/api/v1/orders/{id}", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    public String status(String orderId) {
        return order(orderId).get("status").toString();
    }

    /** The visit code of a seat, as the bound family reads it to tell the elder. */
    public String visitCode(String orderId, int seatNo) {
        Map<?, ?> codes = family.get()
                .uri("/api/v1/orders/{id}/visit-codes", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<?>) codes.get("codes"))
                .stream()
                        .map(c -> (Map<?, ?>) c)
                        .filter(c -> ((Number) c.get("seatNo")).intValue() == seatNo)
                        .map(c -> c.get("code").toString())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no visit code for seat " + seatNo));
    }

    /** An order completed by this provider: accepted, checked in at the door with the code, checked out. */
    public record Completed(DispatchScene scene, String orderId, Provider provider) {}

    public Completed complete(Provider provider, String orderId) {
        return complete(provider, orderId, AT_THE_DOOR, Duration.ZERO);
    }

    /**
     * An order completed by this provider, checked in at this position (near the elder's door) and served for
     * this long: the test clock moves on between check-in and check-out.
     */
    public Completed complete(Provider provider, String orderId, Map<String, Object> door, Duration serving) {
        provider.accept(provider.offerOf(orderId)).expectStatus().isOk();
        provider.checkIn(orderId, door, visitCode(orderId, 1)).expectStatus().isOk();
        test.clock.advance(serving);
        provider.checkOut(orderId, "打扫了客厅和厨房，老人状态良好").expectStatus().isOk();
        assertThat(status(orderId)).isEqualTo("COMPLETED");
        return new Completed(this, orderId, provider);
    }
}
