package cn.carecircle.api.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.DispatchScene.Provider;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The core loop over HTTP: an order for now goes out in rounds of offers, the first acceptance wins, the provider
 * proves the visit at the door with the elder's code, checks out, and the family confirms; and every refusal on
 * the way.
 */
class DispatchFlowTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    @Autowired
    BackgroundWorker worker;

    @Autowired
    DatabaseClient db;

    private DispatchScene scene;

    @BeforeEach
    void setUp() {
        clock.set(START);
        scene = DispatchScene.create(this);
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    private void drain() {
        worker.drain().block(Duration.ofSeconds(30));
    }

    private List<String> timeline(String orderId) {
        return scene
                .family
                .get()
                .uri("/api/v1/orders/{id}/timeline", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(Map.class)
                .returnResult()
                .getResponseBody()
                .stream()
                .map(e -> e.get("to").toString())
                .toList();
    }

    @Test
    void theTopThreeGetOffersTheFirstAcceptanceWinsAndTheVisitIsProvenAtTheDoor() {
        List<Provider> cleaners = List.of(
                scene.cleaner(true).online(),
                scene.cleaner(true).online(),
                scene.cleaner(true).online(),
                scene.cleaner(true).online());
        Map<String, Object> placed = scene.placeCleaningNow();
        String order = placed.get("id").toString();
        assertThat(placed.get("status")).isEqualTo("MATCHING");

        List<Provider> offered =
                cleaners.stream().filter(p -> !p.offers().isEmpty()).toList();
        assertThat(offered).hasSize(3);
        Map<String, Object> offer = offered.get(0).offers().get(0);
        // before assignment: the service, the time and the travel minutes, never where or who
        assertThat(offer).containsKeys("service", "window", "travelMinutes", "expiresAt");
        assertThat(offer).doesNotContainKeys("address", "phone", "elderName", "home");

        Provider winner = offered.get(1);
        winner.accept(winner.offerOf(order))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ASSIGNED")
                .jsonPath("$.address")
                .isEqualTo("临河区解放街道团结社区3号楼2单元501")
                .jsonPath("$.phone")
                .value(phone -> assertThat(phone.toString()).matches("1\\d{10}"));
        offered.get(0)
                .accept(offer.get("id").toString())
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "offer-taken");
        assertThat(offered.get(2).offers()).isEmpty();
        // a provider who is not on the job sees nothing of it
        offered.get(0)
                .client()
                .get()
                .uri("/api/v1/jobs/{id}", order)
                .exchange()
                .expectStatus()
                .isNotFound();

        Map<String, Object> assigned = scene.order(order);
        assertThat(assigned.get("status")).isEqualTo("ASSIGNED");
        Map<?, ?> seat = (Map<?, ?>) ((List<?>) assigned.get("seats")).get(0);
        assertThat(seat.get("providerId")).isEqualTo(winner.id());
        assertThat(seat.get("assignedByRole")).isEqualTo("PROVIDER");

        String code = scene.visitCode(order, 1);
        assertThat(code).matches("\\d{4}");
        winner.checkIn(order, DispatchScene.NEARBY, code)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("position")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("within-check-in-radius");
        String wrong = code.equals("0000") ? "1111" : "0000";
        winner.checkIn(order, DispatchScene.AT_THE_DOOR, wrong)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("visitCode")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("matches-visit-code")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat(m.toString()).contains("4 attempt(s) left"))
                .jsonPath("$.errors[0].rejectedValue")
                .doesNotExist();
        winner.checkOut(order, "没签到就签退").expectStatus().isEqualTo(409);
        winner.checkIn(order, DispatchScene.AT_THE_DOOR, code)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("IN_SERVICE");

        clock.advance(Duration.ofMinutes(80));
        winner.checkOut(order, "打扫了客厅和厨房，老人精神不错")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("COMPLETED")
                .jsonPath("$.checkOutNote")
                .isEqualTo("打扫了客厅和厨房，老人精神不错")
                // the job is over: the address and phone are no longer the provider's to see
                .jsonPath("$.address")
                .doesNotExist();

        scene.family
                .post()
                .uri("/api/v1/orders/{id}/confirmation", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED");
        assertThat(timeline(order))
                .containsExactly("REQUESTED", "MATCHING", "ASSIGNED", "IN_SERVICE", "COMPLETED", "CONFIRMED");
        // the visit code went to the elder by SMS through the outbox, and the offers as pushes
        assertThat(outbox(order, "SMS")).isEqualTo(1);
        assertThat(outbox(order, "PUSH")).isGreaterThanOrEqualTo(3);
    }

    private long outbox(String order, String channel) {
        return db.sql("select count(*) as n from outbox_message where order_id = :o and channel = :c")
                .bind("o", java.util.UUID.fromString(order))
                .bind("c", channel)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void anExpiredOfferCannotBeAcceptedAndTheNextRoundGoesToTheNextCandidates() {
        List<Provider> near = List.of(
                scene.cleaner(true).online(),
                scene.cleaner(true).online(),
                scene.cleaner(true).online());
        // farther away, still inside the 15-minute circle: ranked fourth
        Map<String, Object> fartherAway = Map.of("lat", 40.7700, "lon", 107.3902);
        Provider fourth = scene.cleaner(true).at(fartherAway);
        String order = scene.orderCleaningNow();
        assertThat(fourth.offers()).isEmpty();
        String stale = near.get(0).offerOf(order);
        String alsoStale = near.get(1).offerOf(order);

        clock.advance(Duration.ofSeconds(61));
        near.get(0)
                .accept(stale)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "offer-expired");
        fourth.at(fartherAway); // the app's next heartbeat
        drain();
        near.get(1)
                .accept(alsoStale)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "offer-expired");
        fourth.accept(fourth.offerOf(order)).expectStatus().isOk();
        assertThat(scene.status(order)).isEqualTo("ASSIGNED");

        // a declined offer: with nobody left to answer, the next round (here: nobody) comes at once
        scene = DispatchScene.create(this);
        Provider only = scene.cleaner(true).online();
        String second = scene.orderCleaningNow();
        only.client()
                .post()
                .uri("/api/v1/offers/{id}/declination", only.offerOf(second))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(scene.status(second)).isEqualTo("ESCALATED");
    }

    @Test
    void nobodyAnsweringEscalatesToTheBoardWhereTheWorkerAssignsByHandWithinTheRules() {
        Provider far = scene.cleaner(true);
        Provider unverified = scene.cleaner(false);
        String order = scene.orderCleaningNow();
        assertThat(scene.status(order)).isEqualTo("ESCALATED");

        Map<?, ?> board = scene.worker
                .get()
                .uri("/api/v1/dispatch-board?communityId={c}", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<?> entries = (List<?>) board.get("entries");
        assertThat(entries).anySatisfy(e -> {
            Map<?, ?> entry = (Map<?, ?>) e;
            assertThat(entry.get("attention")).isEqualTo("ESCALATED");
            assertThat(((Map<?, ?>) entry.get("order")).get("id")).isEqualTo(order);
        });

        // a hard rule holds whatever the reason
        assign(order, unverified.id(), "老人很急")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "assignment-not-allowed")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("verified-credential");
        // a provider at home (not online) is measured from their home base; in range here, so no override
        assign(order, far.id(), null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ASSIGNED")
                .jsonPath("$.seats[0].assignedByRole")
                .isEqualTo("COMMUNITY_WORKER");
        assign(order, unverified.id(), "再派一个").expectStatus().isEqualTo(409);
        assertThat(far.client()
                        .get()
                        .uri("/api/v1/jobs")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBodyList(Map.class)
                        .returnResult()
                        .getResponseBody())
                .extracting(j -> j.get("orderId"))
                .containsExactly(order);
    }

    @Test
    void overridingTheTravelLimitNeedsAReasonAndIsAudited() {
        DispatchScene.Provider distant = scene.provider("CLEANING", "HEALTH_CERTIFICATE", true, "MALE");
        distant.at(Map.of("lat", 40.9571, "lon", 107.3902)); // about 22 km away
        String order = scene.orderCleaningNow();
        assertThat(scene.status(order)).isEqualTo("ESCALATED");
        assign(order, distant.id(), null)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("required-for-override")
                .jsonPath("$.errors[1].rule")
                .isEqualTo("within-travel-limit");
        assign(order, distant.id(), "附近无人接单，家属同意等待")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ASSIGNED");
        fixtures.operator()
                .get()
                .uri("/api/v1/audit-events?subjectId={o}", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.action == 'DISPATCH_OVERRIDE')].reason")
                .value(r -> assertThat(r.toString()).contains("附近无人接单").contains("WITHIN_TRAVEL_LIMIT"));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec assign(
            String order, String provider, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("providerId", provider);
        if (reason != null) {
            body.put("reason", reason);
        }
        return scene.worker
                .post()
                .uri("/api/v1/orders/{id}/assignment", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void fiveWrongCodesLockCheckInUntilAWorkerUnlocksItWithANewCode() {
        Provider cleaner = scene.cleaner(true).online();
        String order = scene.orderCleaningNow();
        cleaner.accept(cleaner.offerOf(order)).expectStatus().isOk();
        String code = scene.visitCode(order, 1);
        String wrong = code.equals("0000") ? "1111" : "0000";
        for (int i = 0; i < 4; i++) {
            cleaner.checkIn(order, DispatchScene.AT_THE_DOOR, wrong)
                    .expectStatus()
                    .isEqualTo(422);
        }
        cleaner.checkIn(order, DispatchScene.AT_THE_DOOR, wrong)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "check-in-locked");
        // locked: even the right code is refused now
        cleaner.checkIn(order, DispatchScene.AT_THE_DOOR, code).expectStatus().isEqualTo(409);
        scene.worker
                .post()
                .uri("/api/v1/orders/{id}/seats/1/check-in-unlock", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "已电话核实，老人在家"))
                .exchange()
                .expectStatus()
                .isOk();
        String fresh = scene.visitCode(order, 1);
        cleaner.checkIn(order, DispatchScene.AT_THE_DOOR, fresh).expectStatus().isOk();
        assertThat(scene.status(order)).isEqualTo("IN_SERVICE");
    }

    @Test
    void noCheckInAfterTheWindowStartedIsANoShowTheOrderIsDispatchedAgainAndTheFamilyAlerted() {
        Provider first = scene.cleaner(true).online();
        String order = scene.orderCleaningNow();
        first.accept(first.offerOf(order)).expectStatus().isOk();

        clock.advance(Duration.ofMinutes(31));
        drain();
        // nobody else is online: dispatched again, it escalates to the board
        assertThat(timeline(order)).containsSubsequence("ASSIGNED", "MATCHING", "ESCALATED");
        assertThat(db.sql("select count(*) as n from provider_lapse where order_id = :o and kind = 'NO_SHOW'")
                        .bind("o", java.util.UUID.fromString(order))
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(1);
        assertThat(db.sql("""
                        select count(*) as n from outbox_message
                        where order_id = :o and kind = 'no-show' and channel = 'PUSH'
                        """)
                        .bind("o", java.util.UUID.fromString(order))
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isGreaterThanOrEqualTo(2); // the family member and the worker
        // the provider who did not come is not offered it again
        assertThat(first.offers()).isEmpty();
    }

    @Test
    void aProviderGivingUpBeforeCheckInSendsTheOrderToTheNextProvider() {
        Provider first = scene.cleaner(true).online();
        String order = scene.orderCleaningNow();
        first.accept(first.offerOf(order)).expectStatus().isOk();
        Provider second = scene.cleaner(true).online();
        first.client()
                .post()
                .uri("/api/v1/jobs/{id}/withdrawal", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "电动车坏了"))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(scene.status(order)).isEqualTo("MATCHING");
        second.accept(second.offerOf(order)).expectStatus().isOk();
        assertThat(timeline(order)).containsSubsequence("ASSIGNED", "MATCHING", "ASSIGNED");
    }

    @Test
    void aCompletedOrderConfirmsItselfAfterTheConfirmationPeriodUnlessDisputed() {
        Provider cleaner = scene.cleaner(true).online();
        DispatchScene.Completed done = scene.complete(cleaner, scene.orderCleaningNow());
        DispatchScene.Completed disputed = scene.complete(scene.cleaner(true).online(), scene.orderCleaningNow());
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/dispute", disputed.orderId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "厨房没有打扫"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DISPUTED");

        clock.advance(Duration.ofHours(47));
        drain();
        assertThat(scene.status(done.orderId())).isEqualTo("COMPLETED");
        clock.advance(Duration.ofHours(2));
        drain();
        assertThat(scene.status(done.orderId())).isEqualTo("CONFIRMED");
        assertThat(scene.status(disputed.orderId())).isEqualTo("DISPUTED");
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/dispute", done.orderId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "too late"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        scene.worker
                .post()
                .uri("/api/v1/orders/{id}/dispute-finding", disputed.orderId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "CANCELLED", "reason", "回访核实厨房未打扫，全额退款"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
    }

    @Test
    void theFamilyCancellingWithdrawsTheOpenOffers() {
        Provider cleaner = scene.cleaner(true).online();
        String order = scene.orderCleaningNow();
        String offer = cleaner.offerOf(order);
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人今天不在家"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(cleaner.offers()).isEmpty();
        cleaner.accept(offer)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "offer-taken");
    }

    @Test
    void aVolunteersConfirmedTimeBankVisitEarnsTheMinutesServedCappedAtTheBooking() {
        Provider volunteer = scene.volunteer().online();
        Provider paid = scene.cleaner(true).online();
        String order = scene.place(Map.of(
                        "elderId",
                        scene.elder.toString(),
                        "service",
                        "CLEANING",
                        "durationMinutes",
                        90,
                        "settlement",
                        "TIME_BANK"))
                .get("id")
                .toString();
        // a time-bank order goes to volunteers only
        assertThat(paid.offers()).isEmpty();
        volunteer.accept(volunteer.offerOf(order)).expectStatus().isOk();
        volunteer
                .checkIn(order, DispatchScene.AT_THE_DOOR, scene.visitCode(order, 1))
                .expectStatus()
                .isOk();
        clock.advance(Duration.ofMinutes(100));
        volunteer.checkOut(order, "陪老人聊天并打扫卫生").expectStatus().isOk();
        assertThat(balance(volunteer)).isZero(); // pending until the family confirms
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/confirmation", order)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(balance(volunteer)).isEqualTo(90); // 100 minutes served, 90 booked
    }

    private long balance(Provider who) {
        Map<?, ?> account = who.client()
                .get()
                .uri("/api/v1/timebank/accounts/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((Number) account.get("balance")).longValue();
    }
}
