package cn.carecircle.api.visits;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.Fixtures;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Monthly visits over HTTP: the plan of special-difficulty elders, recording visits, the month's figures with the
 * overdue elders first, month boundaries in China time, and every refusal.
 */
class VisitsTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    @Autowired
    private BackgroundWorker worker;

    @Autowired
    private DatabaseClient db;

    private UUID community;
    private WebTestClient staff;

    @BeforeEach
    void setUp() {
        community = fixtures.community();
        staff = fixtures.worker(community);
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    private UUID elder(boolean specialDifficulty) {
        Map<String, Object> body = new HashMap<>(Fixtures.elderBody(community));
        body.put("specialDifficulty", specialDifficulty);
        body.remove("consentBy");
        body.remove("relationship");
        return UUID.fromString(staff.post()
                .uri("/api/v1/elders")
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

    private static Map<String, Object> visit(UUID elder, Instant at) {
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", elder.toString());
        body.put("visitedAt", at.toString());
        body.put("method", "HOME");
        body.put("health", "FAIR");
        body.put("livingConditions", "GOOD");
        body.put("safetyRisks", List.of("FALL"));
        body.put("needs", List.of("BATHING"));
        body.put("findings", "腿脚不便，浴室地面湿滑");
        body.put("followUp", "联系家属安装扶手，预约助浴服务");
        return body;
    }

    private WebTestClient.ResponseSpec record(WebTestClient who, Map<String, Object> body) {
        return who.post()
                .uri("/api/v1/visits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Map<?, ?> month(WebTestClient who, String month) {
        return who.get()
                .uri(u -> u.path("/api/v1/communities/{c}/visits")
                        .queryParamIfPresent("month", java.util.Optional.ofNullable(month))
                        .build(community))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> unvisitedIds(Map<?, ?> month) {
        return ((List<?>) month.get("unvisited"))
                .stream().map(u -> ((Map<?, ?>) u).get("elderId").toString()).toList();
    }

    @Test
    void specialDifficultyEldersArePlannedAndAVisitCountsTowardsTheRate() {
        UUID a = elder(true);
        UUID b = elder(true);
        elder(false);

        Map<?, ?> before = month(staff, null);
        assertThat(before.get("month")).isEqualTo("2026-11");
        assertThat(before.get("planned")).isEqualTo(2);
        assertThat(before.get("visited")).isEqualTo(0);
        assertThat(before.get("rate")).isEqualTo(0.0);
        // 2026-11-23 10:00 in Beijing: the 23rd to the 30th are left
        assertThat(before.get("daysLeft")).isEqualTo(8);
        assertThat(before.get("closed")).isEqualTo(false);
        assertThat(unvisitedIds(before)).containsExactlyInAnyOrder(a.toString(), b.toString());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) before.get("unvisited")).get(0);
        assertThat(first.get("maskedName")).isEqualTo("张*华");
        assertThat(first.get("age")).isEqualTo(80);
        assertThat(first.get("daysLeft")).isEqualTo(8);
        assertThat(first.get("overdue")).isEqualTo(false);

        Instant at = START.minus(Duration.ofHours(1));
        record(staff, visit(a, at))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.elderId")
                .isEqualTo(a.toString())
                .jsonPath("$.elderMaskedName")
                .isEqualTo("张*华")
                .jsonPath("$.month")
                .isEqualTo("2026-11")
                .jsonPath("$.visitedAt")
                .value(v -> assertThat(Instant.parse(v.toString())).isEqualTo(at))
                .jsonPath("$.method")
                .isEqualTo("HOME")
                .jsonPath("$.visitorName")
                .isEqualTo("王秀兰")
                .jsonPath("$.health")
                .isEqualTo("FAIR")
                .jsonPath("$.safetyRisks[0]")
                .isEqualTo("FALL")
                .jsonPath("$.needs[0]")
                .isEqualTo("BATHING")
                .jsonPath("$.followUp")
                .isEqualTo("联系家属安装扶手，预约助浴服务");

        Map<?, ?> after = month(staff, "2026-11");
        assertThat(after.get("planned")).isEqualTo(2);
        assertThat(after.get("visited")).isEqualTo(1);
        assertThat(after.get("rate")).isEqualTo(0.5);
        assertThat(unvisitedIds(after)).containsExactly(b.toString());
        List<?> visits = (List<?>) after.get("visits");
        assertThat(visits).hasSize(1);
        assertThat(((Map<?, ?>) visits.get(0)).get("elderId")).isEqualTo(a.toString());

        staff.get()
                .uri("/api/v1/elders/{e}/visits", a)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].findings")
                .isEqualTo("腿脚不便，浴室地面湿滑");
    }

    @Test
    void overdueEldersComeFirstAndMonthsEndAtMidnightInChina() {
        UUID a = elder(true);
        UUID b = elder(true);
        // October: both are planned; a is visited on the last evening of October, Beijing time
        clock.set(Instant.parse("2026-10-31T15:45:00Z")); // 23:45 on 31 October in Beijing
        record(staff, visit(a, Instant.parse("2026-10-31T15:30:00Z")))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.month")
                .isEqualTo("2026-10");
        Map<?, ?> october = month(staff, null);
        assertThat(october.get("month")).isEqualTo("2026-10");
        assertThat(october.get("daysLeft")).isEqualTo(1);
        assertThat(october.get("planned")).isEqualTo(2);
        // 30 minutes later it is November in Beijing (still 31 October in UTC)
        clock.set(Instant.parse("2026-10-31T16:30:00Z"));
        Map<?, ?> novemberFirst = month(staff, null);
        assertThat(novemberFirst.get("month")).isEqualTo("2026-11");
        assertThat(novemberFirst.get("daysLeft")).isEqualTo(30);

        clock.set(START);
        UUID c = elder(true); // flagged in November: no October slot, so not overdue
        Map<?, ?> november = month(staff, "2026-11");
        assertThat(november.get("planned")).isEqualTo(3);
        // b missed October: overdue, first; then the never visited before the one visited in October
        assertThat(unvisitedIds(november)).containsExactly(b.toString(), c.toString(), a.toString());
        List<?> unvisited = (List<?>) november.get("unvisited");
        assertThat(((Map<?, ?>) unvisited.get(0)).get("overdue")).isEqualTo(true);
        assertThat(((Map<?, ?>) unvisited.get(1)).get("overdue")).isEqualTo(false);
        assertThat(((Map<?, ?>) unvisited.get(2)).get("lastVisitedAt")).isNotNull();

        // a visit made just after midnight on 1 November (Beijing) fills November's slot, not October's
        record(staff, visit(b, Instant.parse("2026-10-31T16:05:00Z")))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.month")
                .isEqualTo("2026-11");

        Map<?, ?> closed = month(staff, "2026-10");
        assertThat(closed.get("closed")).isEqualTo(true);
        assertThat(closed.get("daysLeft")).isEqualTo(0);
        assertThat(closed.get("planned")).isEqualTo(2);
        assertThat(closed.get("visited")).isEqualTo(1);
        assertThat(closed.get("rate")).isEqualTo(0.5);
        assertThat(unvisitedIds(closed)).containsExactly(b.toString());
        assertThat(((Map<?, ?>) ((List<?>) closed.get("unvisited")).get(0)).get("overdue"))
                .isEqualTo(true);

        // recorded late, a visit of October fills October's slot
        record(staff, visit(b, Instant.parse("2026-10-20T02:00:00Z")))
                .expectStatus()
                .isCreated();
        assertThat(month(staff, "2026-10").get("visited")).isEqualTo(2);
    }

    @Test
    void refusalsNameTheRule() {
        UUID special = elder(true);
        UUID ordinary = elder(false);

        UUID elsewhere = fixtures.community();
        WebTestClient otherWorker = fixtures.worker(elsewhere);
        record(otherWorker, visit(special, START.minusSeconds(60)))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "not-found");

        record(staff, visit(special, START.plusSeconds(60)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("visitedAt")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-future");

        record(staff, visit(ordinary, START.minusSeconds(60)))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("elderId")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("visit-planned");

        // September had no plan: the elder was not registered yet
        record(staff, visit(special, Instant.parse("2026-09-15T02:00:00Z")))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("visit-planned");

        Map<String, Object> missing = visit(special, START.minusSeconds(60));
        missing.remove("health");
        missing.put("method", "VIDEO");
        record(staff, missing)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .value(f -> assertThat(f.toString()).isIn("method", "health"));

        Map<String, Object> noHealth = visit(special, START.minusSeconds(60));
        noHealth.remove("health");
        record(staff, noHealth)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("health")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("required");

        Map<String, Object> riskWithoutFollowUp = visit(special, START.minusSeconds(60));
        riskWithoutFollowUp.remove("followUp");
        record(staff, riskWithoutFollowUp)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("followUp")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("required-with-risks");

        Map<String, Object> tooLong = visit(special, START.minusSeconds(60));
        tooLong.put("findings", "很".repeat(1001));
        record(staff, tooLong)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("findings")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("size");

        Map<String, Object> notAVolunteer = visit(special, START.minusSeconds(60));
        notAVolunteer.put("visitorProviderId", UUID.randomUUID().toString());
        record(staff, notAVolunteer)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("community-volunteer");

        // the operator allows home visits only in this community
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/visit-settings", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("allowedMethods", List.of("HOME")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.allowedMethods.length()")
                .isEqualTo(1);
        Map<String, Object> byPhone = visit(special, START.minusSeconds(60));
        byPhone.put("method", "PHONE");
        record(staff, byPhone)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("method")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("allowed-method");
        staff.put()
                .uri("/api/v1/communities/{c}/visit-settings", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("allowedMethods", List.of("HOME", "PHONE")))
                .exchange()
                .expectStatus()
                .isForbidden();

        WebTestClient official = fixtures.official(community);
        record(official, visit(special, START.minusSeconds(60))).expectStatus().isForbidden();
        assertThat(month(official, null).get("planned")).isEqualTo(1);
        otherWorker
                .get()
                .uri("/api/v1/communities/{c}/visits", community)
                .exchange()
                .expectStatus()
                .isNotFound();
        staff.get()
                .uri("/api/v1/communities/{c}/visits?month=2026-12", community)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("month")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-future");
        staff.get()
                .uri("/api/v1/communities/{c}/visits?month=2026-13", community)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("pattern");

        record(staff, visit(special, START.minusSeconds(60))).expectStatus().isCreated();
        record(staff, visit(special, START.minusSeconds(30)))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "duplicate");
        assertThat(month(staff, null).get("visited")).isEqualTo(1);
    }

    @Test
    void twoWorkersRecordingTheSameSlotAtOnceLeaveOneVisit() throws Exception {
        UUID elder = elder(true);
        month(staff, null);
        WebTestClient second = fixtures.worker(community);
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                WebTestClient who = i % 2 == 0 ? staff : second;
                Instant at = START.minusSeconds(60L + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return record(who, visit(elder, at))
                            .returnResult(String.class)
                            .getStatus()
                            .value();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(month(staff, null).get("visited")).isEqualTo(1);
    }

    @Test
    void theMonthlyJobPlansTheNewMonthBeforeAnyoneLooks() {
        UUID elder = elder(true);
        clock.set(Instant.parse("2026-11-30T16:00:00Z")); // midnight, 1 December in Beijing
        worker.drain().block(Duration.ofSeconds(60));
        assertThat(plans(elder, "2026-12-01")).isEqualTo(1);
        assertThat(plans(elder, "2026-11-01")).isZero();
    }

    private long plans(UUID elder, String month) {
        return db.sql("select count(*) as n from visit_plan where elder_id = :e and month = cast(:m as date)")
                .bind("e", elder)
                .bind("m", month)
                .map((row, meta) -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(10));
    }
}
