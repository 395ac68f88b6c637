package cn.carecircle.api.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The 15-minute circle over HTTP: providers report their presence into the live index on Redis, and the dispatch
 * board ranks who could serve an order, explains the score, and names the rules the others fail.
 */
class DispatchBoardTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";
    private static final Map<String, Object> NEAR_ELDER = Map.of("lat", 40.7650, "lon", 107.3902);

    private UUID community;
    private WebTestClient worker;
    private WebTestClient family;
    private UUID elder;

    @BeforeEach
    void setUp() {
        clock.set(START);
        community = fixtures.community();
        fixtures.priceList(community, Fixtures.price("CLEANING", 90, 6000, false, null));
        worker = fixtures.worker(community);
        family = fixtures.family();
        elder = fixtures.boundElder(family, worker, community);
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    /** A cleaner onboarded in the community; their credential verified by the worker when {@code verified}. */
    private Provider cleaner(boolean verified) {
        WebTestClient client = as(uid("cleaner"));
        Map<?, ?> onboarded = client.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.providerBody(community, "CLEANING", "HEALTH_CERTIFICATE"))
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

    private record Provider(String id, WebTestClient client) {
        WebTestClient.ResponseSpec at(Map<String, Object> position) {
            return client.put()
                    .uri("/api/v1/providers/me/presence")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("position", position))
                    .exchange();
        }
    }

    private String orderCleaning(Map<String, Object> window) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "elderId", elder.toString(), "service", "CLEANING", "durationMinutes", 90, "settlement", "PAID"));
        if (window != null) {
            body.put("window", window);
        }
        return family.post()
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
                .toString();
    }

    private Map<?, ?> board(String order) {
        return worker.get()
                .uri("/api/v1/orders/{id}/candidates", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> ids(Map<?, ?> board, String list) {
        return ((List<?>) board.get(list))
                .stream().map(c -> ((Map<?, ?>) c).get("providerId").toString()).toList();
    }

    @Test
    void anOnlineVerifiedProviderNearbyIsRankedWithTheScoreExplainedAndTheUnverifiedOneIsNamedWithTheRule() {
        Provider near = cleaner(true);
        Provider unverified = cleaner(false);
        Provider far = cleaner(true);
        near.at(NEAR_ELDER).expectStatus().isNoContent();
        unverified.at(NEAR_ELDER).expectStatus().isNoContent();
        far.at(Map.of("lat", 40.95, "lon", 107.39)).expectStatus().isNoContent();

        Map<?, ?> board = board(orderCleaning(null));
        assertThat(board.get("travelLimitMinutes")).isEqualTo(15);
        assertThat(ids(board, "eligible")).contains(near.id()).doesNotContain(unverified.id(), far.id());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) board.get("eligible")).get(0);
        assertThat(first.get("origin")).isEqualTo("LIVE_POSITION");
        assertThat(first.get("travelMode")).isEqualTo("E_BIKE");
        assertThat(first.get("displayName")).isEqualTo("赵丽");
        assertThat(((Number) first.get("travelMinutes")).doubleValue()).isBetween(3.0, 8.0);
        assertThat((List<?>) first.get("components"))
                .hasSize(6)
                .allSatisfy(c -> assertThat(((Map<?, ?>) c).get("explanation").toString())
                        .isNotBlank());

        Map<?, ?> refused = ((List<?>) board.get("ineligible"))
                .stream()
                        .map(c -> (Map<?, ?>) c)
                        .filter(c -> c.get("providerId").equals(unverified.id()))
                        .findFirst()
                        .orElseThrow();
        List<String> rules = ((List<?>) refused.get("reasons"))
                .stream().map(r -> ((Map<?, ?>) r).get("rule").toString()).toList();
        assertThat(rules).contains("VERIFIED_CREDENTIAL");
        // outside the circle's search radius: not a candidate at all
        assertThat(ids(board, "ineligible")).doesNotContain(far.id());
    }

    @Test
    void presenceEndsWhenHeartbeatsStopOrTheProviderGoesOffline() {
        Provider near = cleaner(true);
        Provider leaving = cleaner(true);
        near.at(NEAR_ELDER).expectStatus().isNoContent();
        leaving.at(NEAR_ELDER).expectStatus().isNoContent();
        String order = orderCleaning(null);
        assertThat(ids(board(order), "eligible")).contains(near.id(), leaving.id());

        leaving.client()
                .delete()
                .uri("/api/v1/providers/me/presence")
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(ids(board(order), "eligible")).contains(near.id()).doesNotContain(leaving.id());

        clock.advance(Duration.ofSeconds(91));
        assertThat(ids(board(order), "eligible")).doesNotContain(near.id(), leaving.id());

        near.at(NEAR_ELDER).expectStatus().isNoContent();
        assertThat(ids(board(order), "eligible")).contains(near.id()).doesNotContain(leaving.id());
    }

    @Test
    void positionReportsFasterThanTheMinimumIntervalAreRefused() {
        Provider near = cleaner(true);
        near.at(NEAR_ELDER).expectStatus().isNoContent();
        near.at(NEAR_ELDER)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "too-many-requests");
        clock.advance(Duration.ofSeconds(5));
        near.at(NEAR_ELDER).expectStatus().isNoContent();
    }

    @Test
    void aScheduledOrderRanksProvidersFromTheirHomeBaseWithinTheirWorkingHours() {
        Provider offline = cleaner(true);
        // Monday 10:00 in Linhe a week later: inside the provider's Monday 08:00-17:00
        Instant start = START.plus(Duration.ofDays(7));
        Map<?, ?> board = board(orderCleaning(Map.of(
                "start",
                start.toString(),
                "end",
                start.plus(Duration.ofHours(2)).toString())));
        Map<?, ?> candidate = ((List<?>) board.get("eligible"))
                .stream()
                        .map(c -> (Map<?, ?>) c)
                        .filter(c -> c.get("providerId").equals(offline.id()))
                        .findFirst()
                        .orElseThrow();
        assertThat(candidate.get("origin")).isEqualTo("HOME_BASE");

        // Tuesday: outside the provider's hours, a soft rule a worker may override
        Instant tuesday = START.plus(Duration.ofDays(8));
        Map<?, ?> other = board(orderCleaning(Map.of(
                "start",
                tuesday.toString(),
                "end",
                tuesday.plus(Duration.ofHours(2)).toString())));
        Map<?, ?> refused = ((List<?>) other.get("ineligible"))
                .stream()
                        .map(c -> (Map<?, ?>) c)
                        .filter(c -> c.get("providerId").equals(offline.id()))
                        .findFirst()
                        .orElseThrow();
        Map<?, ?> reason = (Map<?, ?>) ((List<?>) refused.get("reasons")).get(0);
        assertThat(reason.get("rule")).isEqualTo("WITHIN_WORKING_HOURS");
        assertThat(reason.get("hard")).isEqualTo(false);
    }

    @Test
    void aSuspendedProviderCannotGoOnlineAndOnlyTheCommunitysStaffSeeTheBoard() {
        Provider suspended = cleaner(true);
        worker.put()
                .uri("/api/v1/providers/{p}/suspension", suspended.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "差评复核中"))
                .exchange()
                .expectStatus()
                .isOk();
        suspended.at(NEAR_ELDER).expectStatus().isEqualTo(409);

        String order = orderCleaning(null);
        family.get()
                .uri("/api/v1/orders/{id}/candidates", order)
                .exchange()
                .expectStatus()
                .isForbidden();
        fixtures.worker(fixtures.community())
                .get()
                .uri("/api/v1/orders/{id}/candidates", order)
                .exchange()
                .expectStatus()
                .isNotFound();
        fixtures.family()
                .put()
                .uri("/api/v1/providers/me/presence")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("position", NEAR_ELDER))
                .exchange()
                .expectStatus()
                .isForbidden();
        suspended
                .client()
                .put()
                .uri("/api/v1/providers/me/presence")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("position", Map.of("lat", 95, "lon", 107.39)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("position.lat");

        family.post()
                .uri("/api/v1/orders/{id}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "不需要了"))
                .exchange()
                .expectStatus()
                .isOk();
        worker.get()
                .uri("/api/v1/orders/{id}/candidates", order)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }
}
