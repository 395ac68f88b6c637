package cn.carecircle.api.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Time-bank orders paid in minutes over HTTP: from the placing family member's own account, or the elder's for a
 * phone-in order; free for special-difficulty elders while the community's rules say so; refused when the minutes do
 * not cover them; given back once on cancellation; under a race; and day by day for a meal plan.
 */
class OrderPaymentsTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    @Autowired
    BackgroundWorker background;

    private DispatchScene scene;
    private WebTestClient secondWorker;
    /** The family member's own provider id as a volunteer: how they earn minutes. */
    private String familyVolunteer;
    /** An elder bound to the family member who is not a special-difficulty elder, so that orders cost minutes. */
    private UUID elder;

    @BeforeEach
    void setUp() {
        clock.set(START);
        scene = DispatchScene.create(this);
        fixtures.priceList(
                scene.community,
                Fixtures.price("MEAL", 30, 1500, true, 30),
                Fixtures.price("CLEANING", 90, 6000, true, 90));
        secondWorker = fixtures.worker(scene.community);
        elder = fixtures.boundElder(scene.family, scene.worker, scene.community, Map.of("specialDifficulty", false));
        Map<String, Object> volunteer = Fixtures.providerBody(scene.community, "MEAL", "VOLUNTEER_REGISTRATION");
        volunteer.put("kind", "VOLUNTEER");
        familyVolunteer = scene.family
                .post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(volunteer)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    @Test
    void aFamilyMemberPaysATimeBankOrderFromTheirOwnMinutesAndTheOrderShowsIt() {
        earn(60);
        Map<?, ?> order = place(scene.family, meal(elder))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(order.get("priceMinutes")).isEqualTo(30);
        assertThat(order.get("chargedMinutes")).isEqualTo(30);
        assertThat(order.get("chargedAccountId")).isEqualTo(myAccount(scene.family));
        assertThat(balance(scene.family)).isEqualTo(30);
        // the same on a later read, and in the statement with the order as the posting's reference
        assertThat(scene.order(order.get("id").toString()).get("chargedMinutes"))
                .isEqualTo(30);
        scene.family
                .get()
                .uri("/api/v1/timebank/accounts/{a}/statement", myAccount(scene.family))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].kind")
                .isEqualTo("REDEEM")
                .jsonPath("$.items[0].minutes")
                .isEqualTo(-30)
                .jsonPath("$.items[0].balanceAfter")
                .isEqualTo(30);
        Map<?, ?> summary = summary();
        assertThat(summary.get("issued")).isEqualTo(60);
        assertThat(summary.get("redeemed")).isEqualTo(30);
        assertThat(summary.get("outstanding")).isEqualTo(30);
    }

    @Test
    void minutesThatDoNotCoverTheOrderAreRefusedAndNothingIsPlaced() {
        earn(20);
        place(scene.family, meal(elder))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "insufficient-balance")
                .jsonPath("$.errors[0].field")
                .isEqualTo("settlement")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("balance");
        assertThat(balance(scene.family)).isEqualTo(20);
        assertThat(ordersOf(elder)).isZero();
        assertThat(summary().get("redeemed")).isEqualTo(0);
        // a paid order is never paid in minutes
        Map<String, Object> paid = meal(elder);
        paid.put("settlement", "PAID");
        place(scene.family, paid)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.chargedMinutes")
                .doesNotExist();
        assertThat(balance(scene.family)).isEqualTo(20);
    }

    @Test
    void aSpecialDifficultyElderIsServedFreeWhileTheCommunityRulesSaySo() {
        // the scene's elder is a special-difficulty elder (特殊困难老年人); the family member has no minutes
        place(scene.family, meal(scene.elder))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.chargedMinutes")
                .isEqualTo(0)
                .jsonPath("$.chargedAccountId")
                .doesNotExist();
        setRules(60, false);
        place(scene.family, meal(scene.elder))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "insufficient-balance");
        scene.worker
                .get()
                .uri("/api/v1/communities/{c}/timebank/rules", scene.community)
                .exchange()
                .expectBody()
                .jsonPath("$.current.freeForSpecialDifficulty")
                .isEqualTo(false)
                .jsonPath("$.versions[0].freeForSpecialDifficulty")
                .isEqualTo(false);
        earn(30);
        place(scene.family, meal(scene.elder))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.chargedMinutes")
                .isEqualTo(30);
        assertThat(balance(scene.family)).isZero();
    }

    @Test
    void aPhoneInOrderIsPaidFromTheEldersAccountAndOnlyThereTheRedeemAgeApplies() {
        place(scene.worker, meal(elder))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "insufficient-balance");
        earn(90);
        scene.family
                .post()
                .uri("/api/v1/timebank/gifts")
                .header("Idempotency-Key", "gift-" + UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("toElderId", elder.toString(), "minutes", 60))
                .exchange()
                .expectStatus()
                .isCreated();
        Map<?, ?> order = place(scene.worker, meal(elder))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(order.get("channel")).isEqualTo("PHONE");
        assertThat(order.get("chargedMinutes")).isEqualTo(30);
        assertThat(order.get("chargedAccountId")).isEqualTo(elderAccount(elder).get("id"));
        assertThat(elderAccount(elder).get("balance")).isEqualTo(30);
        assertThat(balance(scene.family)).isEqualTo(30);

        // the elder (born 1946) is younger than 90: the elder may not pay, the family member still may
        setRules(90, true);
        place(scene.worker, meal(elder))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unprocessable")
                .jsonPath("$.errors[0].field")
                .isEqualTo("settlement")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("min-redeem-age");
        place(scene.family, meal(elder)).expectStatus().isCreated();
        assertThat(elderAccount(elder).get("balance")).isEqualTo(30);
        assertThat(balance(scene.family)).isZero();
        assertThat(ordersOf(elder)).isEqualTo(2);
    }

    @Test
    void cancellingBeforeCheckInGivesTheMinutesBackOnce() throws Exception {
        earn(90);
        String first = id(place(scene.family, meal(elder)));
        assertThat(balance(scene.family)).isEqualTo(60);
        cancel(scene.family, first).expectStatus().isOk();
        assertThat(balance(scene.family)).isEqualTo(90);
        cancel(scene.family, first)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "illegal-state");
        cancel(scene.worker, first).expectStatus().isEqualTo(409);
        assertThat(balance(scene.family)).isEqualTo(90);
        scene.family
                .get()
                .uri("/api/v1/timebank/accounts/{a}/statement", myAccount(scene.family))
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.items[0].kind")
                .isEqualTo("REFUND")
                .jsonPath("$.items[0].minutes")
                .isEqualTo(30)
                .jsonPath("$.items[0].balanceAfter")
                .isEqualTo(90);
        // redeemed in the month is net of what went back
        assertThat(summary().get("redeemed")).isEqualTo(0);
        assertThat(summary().get("outstanding")).isEqualTo(90);

        // the family member and a worker cancelling at once: one wins, the minutes come back once
        String second = id(place(scene.family, meal(elder)));
        assertThat(balance(scene.family)).isEqualTo(60);
        List<Integer> statuses = TimeBankScenario.race(
                        12,
                        i -> cancel(i % 2 == 0 ? scene.family : scene.worker, second)
                                .expectBody()
                                .returnResult())
                .stream()
                .map(r -> r.getStatus().value())
                .toList();
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(11);
        assertThat(balance(scene.family)).isEqualTo(90);
    }

    @Test
    void aDisputeFoundCancelledGivesTheMinutesBack() {
        earn(90);
        DispatchScene.Provider volunteer = scene.volunteer().online();
        Map<String, Object> body = meal(elder);
        body.put("service", "CLEANING");
        body.put("durationMinutes", 90);
        body.remove("window");
        String order = id(place(scene.family, body));
        assertThat(balance(scene.family)).isZero();
        scene.complete(volunteer, order, DispatchScene.AT_THE_DOOR, Duration.ofMinutes(60));
        // after check-in the family can no longer cancel
        cancel(scene.family, order).expectStatus().isEqualTo(409);
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/dispute", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "服务人员只待了一小会儿"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(balance(scene.family)).isZero();
        scene.worker
                .post()
                .uri("/api/v1/orders/{id}/dispute-finding", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "CANCELLED", "reason", "电话回访老人，确认未完成打扫"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
        assertThat(balance(scene.family)).isEqualTo(90);
        assertThat(balance(volunteer.client())).isZero();
    }

    @Test
    void concurrentOrdersNeverSpendMoreMinutesThanTheBalance() throws Exception {
        earn(60);
        List<EntityExchangeResult<byte[]>> results = TimeBankScenario.race(
                100, i -> place(scene.family, meal(elder)).expectBody().returnResult());
        List<Integer> statuses =
                results.stream().map(r -> r.getStatus().value()).toList();
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(2);
        assertThat(statuses.stream().filter(s -> s == 422)).hasSize(98);
        results.stream()
                .filter(r -> r.getStatus().value() == 422)
                .forEach(r -> assertThat(new String(r.getResponseBodyContent(), StandardCharsets.UTF_8))
                        .contains(PROBLEMS + "insufficient-balance"));
        assertThat(balance(scene.family)).isZero();
        assertThat(ordersOf(elder)).isEqualTo(2);
        assertThat(summary().get("redeemed")).isEqualTo(60);
    }

    @Test
    void aTimeBankMealPlanPaysEachDayWhenItIsCreatedAndStopsWhereTheMinutesRunOut() {
        String canteen = canteen();
        earn(90);
        Map<?, ?> plan = mealPlan(canteen, "2026-11-24")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        // three meals of 30 minutes are paid; the fourth day is not covered, so no order from it on
        assertThat(plan.get("priceMinutes")).isEqualTo(30);
        assertThat(plan.get("createdThrough")).isEqualTo("2026-11-26");
        assertThat(plan.get("shortOfMinutesFrom")).isEqualTo("2026-11-27");
        assertThat(upcoming(plan))
                .extracting(d -> d.get("day"))
                .containsExactly("2026-11-24", "2026-11-25", "2026-11-26");
        assertThat(scene.order(upcoming(plan).get(0).get("orderId").toString()).get("chargedMinutes"))
                .isEqualTo(30);
        assertThat(balance(scene.family)).isZero();

        // minutes earned meanwhile: the next midnight's run goes on from the day that was short
        earn(60);
        clock.set(Instant.parse("2026-11-23T16:00:00Z"));
        background.drain().block(Duration.ofSeconds(30));
        Map<?, ?> later = plan(plan.get("id"));
        assertThat(later.get("shortOfMinutesFrom")).isEqualTo("2026-11-29");
        assertThat(upcoming(later))
                .extracting(d -> d.get("day"))
                .containsExactly("2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28");
        assertThat(balance(scene.family)).isZero();

        // cancelling the plan cancels its days, each giving its minutes back
        scene.family
                .post()
                .uri("/api/v1/meal-plans/{p}/cancellation", plan.get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人住院"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(balance(scene.family)).isEqualTo(150);
    }

    @Test
    void aTimeBankMealPlanWhoseFirstMealIsNotCoveredIsRefused() {
        String canteen = canteen();
        earn(20);
        mealPlan(canteen, "2026-11-24")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "insufficient-balance")
                .jsonPath("$.errors[0].field")
                .isEqualTo("settlement");
        scene.family
                .get()
                .uri("/api/v1/meal-plans?elderId={e}", elder)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        assertThat(ordersOf(elder)).isZero();
        assertThat(balance(scene.family)).isEqualTo(20);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Minutes the family member earns as a volunteer: offline hours one worker records and another approves. */
    private void earn(int minutes) {
        String record = scene.worker
                .post()
                .uri("/api/v1/timebank/service-records")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "volunteerId",
                        familyVolunteer,
                        "minutes",
                        minutes,
                        "servedOn",
                        LocalDate.ofInstant(clock.instant(), TimeBankService.ZONE)
                                .toString(),
                        "description",
                        "社区助餐点帮厨"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        secondWorker
                .post()
                .uri("/api/v1/timebank/service-records/{id}/approval", record)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** A meal for the elder, paid in minutes, tomorrow at noon (a scheduled order: no dispatch yet). */
    private Map<String, Object> meal(UUID elderId) {
        Instant start = clock.instant().plus(Duration.ofDays(1));
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", elderId.toString());
        body.put("service", "MEAL");
        body.put("durationMinutes", 30);
        body.put("settlement", "TIME_BANK");
        body.put(
                "window",
                Map.of(
                        "start",
                        start.toString(),
                        "end",
                        start.plus(Duration.ofHours(1)).toString()));
        return body;
    }

    private WebTestClient.ResponseSpec place(WebTestClient who, Map<String, Object> body) {
        return who.post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static String id(WebTestClient.ResponseSpec placed) {
        return placed.expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    private WebTestClient.ResponseSpec cancel(WebTestClient who, String orderId) {
        return who.post()
                .uri("/api/v1/orders/{id}/cancellation", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人临时外出"))
                .exchange();
    }

    private long ordersOf(UUID elderId) {
        return ((Number) scene.worker
                        .get()
                        .uri("/api/v1/orders?elderId={e}", elderId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("total"))
                .longValue();
    }

    private Map<?, ?> account(WebTestClient who) {
        return who.get()
                .uri("/api/v1/timebank/accounts/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private String myAccount(WebTestClient who) {
        return account(who).get("id").toString();
    }

    private long balance(WebTestClient who) {
        return ((Number) account(who).get("balance")).longValue();
    }

    private Map<?, ?> elderAccount(UUID elderId) {
        return scene.worker
                .get()
                .uri("/api/v1/timebank/elders/{e}/account", elderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private Map<?, ?> summary() {
        return scene.worker
                .get()
                .uri("/api/v1/communities/{c}/timebank/summary?month=2026-11", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private void setRules(int minRedeemAge, boolean freeForSpecialDifficulty) {
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/timebank/rules", scene.community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "effectiveFrom",
                        LocalDate.ofInstant(clock.instant(), TimeBankService.ZONE)
                                .toString(),
                        "dailyEarningCapMinutes",
                        480,
                        "lifetimeEarningCapMinutes",
                        60_000,
                        "giftMaxMinutes",
                        600,
                        "giftMaxMinutesPerMonth",
                        1200,
                        "minRedeemAge",
                        minRedeemAge,
                        "freeForSpecialDifficulty",
                        freeForSpecialDifficulty))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private String canteen() {
        return scene.worker
                .post()
                .uri("/api/v1/service-organisations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("communityId", scene.community, "kind", "CANTEEN", "name", "团结社区老年餐桌"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    /** A daily meal plan of one week, paid in minutes. */
    private WebTestClient.ResponseSpec mealPlan(String canteen, String firstDay) {
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", elder.toString());
        body.put("canteenId", canteen);
        body.put("days", "DAILY");
        body.put("weeks", 1);
        body.put("firstDay", firstDay);
        body.put("windowStart", "11:00");
        body.put("windowMinutes", 60);
        body.put("durationMinutes", 30);
        body.put("settlement", "TIME_BANK");
        return scene.family
                .post()
                .uri("/api/v1/meal-plans")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Map<?, ?> plan(Object planId) {
        return scene.family
                .get()
                .uri("/api/v1/meal-plans/{p}", planId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> upcoming(Map<?, ?> plan) {
        return (List<Map<String, Object>>) plan.get("upcoming");
    }
}
