package cn.carecircle.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Placing orders over HTTP: prices from the price list, the window rules, the timeline, cancellation. */
class OrdersFlowTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    private UUID community;
    private WebTestClient worker;
    private WebTestClient family;
    private UUID elder;

    @BeforeEach
    void setUp() {
        community = fixtures.community();
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/price-list", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "entries",
                        List.of(
                                Map.of(
                                        "service",
                                        "MEAL",
                                        "durationMinutes",
                                        30,
                                        "priceFen",
                                        1200,
                                        "subsidyEligible",
                                        true,
                                        "timeBankMinutes",
                                        30),
                                Map.of(
                                        "service",
                                        "BATHING",
                                        "durationMinutes",
                                        60,
                                        "priceFen",
                                        8000,
                                        "subsidyEligible",
                                        true),
                                Map.of(
                                        "service",
                                        "CLEANING",
                                        "durationMinutes",
                                        90,
                                        "priceFen",
                                        6000,
                                        "subsidyEligible",
                                        false,
                                        "timeBankMinutes",
                                        90))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.entries.length()")
                .isEqualTo(3);
        worker = fixtures.worker(community);
        family = fixtures.family();
        elder = fixtures.boundElder(family, worker, community);
    }

    private Map<String, Object> order(String service, int minutes, String settlement) {
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", elder.toString());
        body.put("service", service);
        body.put("durationMinutes", minutes);
        body.put("settlement", settlement);
        return body;
    }

    private WebTestClient.ResponseSpec place(WebTestClient who, Map<String, Object> body) {
        return who.post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void anOrderForNowIsPricedFromThePriceListGoesToMatchingAtOnceAndEscalatesWhenNobodyIsEligible() {
        Map<?, ?> placed = place(family, order("MEAL", 30, "PAID"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        // no provider serves meals here: the first round finds nobody and the order goes to the dispatch board
        assertThat(placed.get("status")).isEqualTo("ESCALATED");
        assertThat(placed.get("priceFen")).isEqualTo(1200);
        assertThat(placed.get("priceMinutes")).isNull();
        assertThat(placed.get("channel")).isEqualTo("APP");
        assertThat(placed.get("elderMaskedName")).isEqualTo("张*华");
        assertThat(placed.get("immediate")).isEqualTo(true);
        assertThat(((Map<?, ?>) placed.get("window")).get("start").toString()).startsWith("2026-11-23T02:00");

        family.get()
                .uri("/api/v1/orders/{id}/timeline", placed.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(3)
                .jsonPath("$[0].to")
                .isEqualTo("REQUESTED")
                .jsonPath("$[0].actorRole")
                .isEqualTo("FAMILY")
                .jsonPath("$[1].from")
                .isEqualTo("REQUESTED")
                .jsonPath("$[1].to")
                .isEqualTo("MATCHING")
                .jsonPath("$[1].actorRole")
                .isEqualTo("SYSTEM")
                .jsonPath("$[2].to")
                .isEqualTo("ESCALATED")
                .jsonPath("$[2].reason")
                .value(reason -> assertThat(reason.toString()).contains("no eligible provider"));
    }

    @Test
    void aTimeBankOrderIsPricedInMinutesOnlyWhereTheCommunityAllowsIt() {
        place(family, order("MEAL", 30, "TIME_BANK"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.priceMinutes")
                .isEqualTo(30)
                .jsonPath("$.priceFen")
                .doesNotExist();
        place(family, order("BATHING", 60, "TIME_BANK"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unprocessable")
                .jsonPath("$.errors[0].field")
                .isEqualTo("settlement")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("time-bank-allowed");
    }

    @Test
    void aDurationWithoutAPriceIsRefusedNamingThePricedOnes() {
        place(family, order("MEAL", 45, "PAID"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains("30 min"))
                .jsonPath("$.errors[0].field")
                .isEqualTo("durationMinutes");
        place(family, order("MEDICAL_VISIT", 30, "PAID")).expectStatus().isEqualTo(422);
    }

    @Test
    void aScheduledOrderWaitsForItsDispatchTimeAndKeepsTheElderPreference() {
        Map<String, Object> body = order("BATHING", 60, "PAID");
        Instant start = START.plus(Duration.ofDays(2));
        body.put(
                "window",
                Map.of(
                        "start",
                        start.toString(),
                        "end",
                        start.plus(Duration.ofHours(2)).toString()));
        place(family, body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REQUESTED")
                .jsonPath("$.immediate")
                .isEqualTo(false)
                .jsonPath("$.requirements.caregiverGender")
                .isEqualTo("FEMALE");
    }

    @Test
    void aWindowInThePastTooFarAheadOrShorterThanTheServiceIsRefused() {
        Map<String, Object> past = order("MEAL", 30, "PAID");
        past.put("window", Map.of("start", START.minusSeconds(3600).toString(), "end", START.toString()));
        place(family, past)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("window.start")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("future");

        Map<String, Object> far = order("MEAL", 30, "PAID");
        Instant later = START.plus(Duration.ofDays(31));
        far.put(
                "window",
                Map.of("start", later.toString(), "end", later.plusSeconds(3600).toString()));
        place(family, far)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("within-days-ahead");

        Map<String, Object> shorter = order("BATHING", 60, "PAID");
        Instant soon = START.plus(Duration.ofDays(1));
        shorter.put(
                "window",
                Map.of("start", soon.toString(), "end", soon.plusSeconds(1800).toString()));
        place(family, shorter)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("window")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("fits-duration");

        Map<String, Object> pair = order("MEAL", 30, "PAID");
        pair.put("requirements", Map.of("twoCaregivers", true));
        place(family, pair)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("bathing-only");
    }

    @Test
    void aWorkerOrdersForAnElderWhoPhonedIn() {
        UUID phonedIn = fixtures.addElder(worker, community);
        Map<String, Object> body = order("CLEANING", 90, "PAID");
        body.put("elderId", phonedIn.toString());
        body.put("notes", "老人来电，下午在家");
        String id = place(worker, body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        worker.get()
                .uri("/api/v1/orders/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.channel")
                .isEqualTo("PHONE")
                .jsonPath("$.notes")
                .isEqualTo("老人来电，下午在家");
        worker.get()
                .uri("/api/v1/orders/{id}/timeline", id)
                .exchange()
                .expectBody()
                .jsonPath("$[0].actorRole")
                .isEqualTo("COMMUNITY_WORKER");
        // the family of another elder does not see it
        family.get().uri("/api/v1/orders/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void onlyTheBoundFamilyAndTheCommunitysWorkersMayOrderOrSee() {
        WebTestClient stranger = fixtures.family();
        place(stranger, order("MEAL", 30, "PAID")).expectStatus().isNotFound();
        WebTestClient otherWorker = fixtures.worker(fixtures.community());
        place(otherWorker, order("MEAL", 30, "PAID")).expectStatus().isNotFound();
        WebTestClient provider = as(uid("provider"));
        fixtures.provider(provider, community);
        place(provider, order("MEAL", 30, "PAID")).expectStatus().isForbidden();

        String id = place(family, order("MEAL", 30, "PAID"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        stranger.get().uri("/api/v1/orders/{id}", id).exchange().expectStatus().isNotFound();
        otherWorker
                .get()
                .uri("/api/v1/orders/{id}/timeline", id)
                .exchange()
                .expectStatus()
                .isNotFound();
        otherWorker
                .get()
                .uri("/api/v1/orders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        family.get()
                .uri("/api/v1/orders?elderId={e}", elder)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].id")
                .isEqualTo(id)
                .jsonPath("$.items[0].elderMaskedName")
                .isEqualTo("张*华");
        worker.get()
                .uri("/api/v1/orders?status=ESCALATED", elder)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(id);
    }

    @Test
    void theFamilyCancelsBeforeCheckInOnceWithAReason() {
        String id = place(family, order("MEAL", 30, "PAID"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        family.post()
                .uri("/api/v1/orders/{id}/cancellation", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人今天去女儿家"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
        family.post()
                .uri("/api/v1/orders/{id}/cancellation", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "again"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "illegal-state");
        family.get()
                .uri("/api/v1/orders/{id}/timeline", id)
                .exchange()
                .expectBody()
                .jsonPath("$[3].from")
                .isEqualTo("ESCALATED")
                .jsonPath("$[3].to")
                .isEqualTo("CANCELLED")
                .jsonPath("$[3].reason")
                .isEqualTo("老人今天去女儿家");
    }

    @Test
    void concurrentCancellationsLeaveOneChangeAndOneTimelineEntry() throws Exception {
        String id = place(family, order("MEAL", 30, "PAID"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        // our own threads: the server's blocking sign-in checks run on Reactor's bounded elastic pool
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WebTestClient who = i % 2 == 0 ? family : worker;
            String reason = "取消 " + i;
            results.add(pool.submit(() -> {
                start.await();
                return who.post()
                        .uri("/api/v1/orders/{id}/cancellation", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("reason", reason))
                        .exchange()
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).hasSize(20);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
        family.get()
                .uri("/api/v1/orders/{id}/timeline", id)
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.to == 'CANCELLED')]")
                .value(l -> assertThat((List<?>) l).hasSize(1));
    }

    @Test
    void badOrderInputIsAProblem() {
        Map<String, Object> body = order("MASSAGE", 30, "PAID");
        place(family, body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("service")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("enum");
        Map<String, Object> zero = order("MEAL", 0, "PAID");
        place(family, zero)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("durationMinutes")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("min");
        Map<String, Object> both = order("MEAL", 30, "CASH");
        place(family, both)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("settlement");
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/price-list", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "entries",
                        List.of(Map.of(
                                "service",
                                "MEDICAL_VISIT",
                                "durationMinutes",
                                30,
                                "priceFen",
                                5000,
                                "subsidyEligible",
                                true,
                                "timeBankMinutes",
                                30))))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("no-time-bank-for-medical-visits");
        worker.put()
                .uri("/api/v1/communities/{c}/price-list", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entries", List.of()))
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
