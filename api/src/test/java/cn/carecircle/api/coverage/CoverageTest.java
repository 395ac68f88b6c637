package cn.carecircle.api.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Coverage of the 15-minute circle against a case computed by hand. Everyone walks (4.5 km/h, 1 minute to set off,
 * detour factor 1.3: minutes = 1 + metres × 1.3 ÷ 75), along one meridian, so the great-circle distances are
 * 111,195 m per degree of latitude:
 *
 * <pre>
 *   P1 meal (verified), P2 bathing (verified, male)      at 40.000 N
 *   E1 40.003 N   333.6 m  →  6.8 min   bathing: wants a woman
 *   E2 40.006 N   667.2 m  → 12.6 min   no preference
 *   E3 40.012 N  1334.3 m  → 24.1 min   P5 (meal, verified) lives next door but works 20-minute shifts only
 *   E4 39.985 N  1667.9 m  → 29.9 min   P4 (meal, verified) lives next door but is suspended
 * </pre>
 *
 * Meal (30 minutes on the price list): E1 and E2 are within 15 minutes of P1: 2 of 4 = 50 %; E3 and E4 are not, and
 * their nearest provider who meets every other rule is P1, 24.1 and 29.9 minutes away (P4 and P5 fail other rules).
 * Bathing: P2 reaches E2 only (E1 wants a woman: no nearest provider at all): 1 of 4 = 25 %. Cleaning and medical
 * visits: nobody, 0 %. The community is in a region of its own, so no other test's provider counts.
 */
class CoverageTest extends IntegrationTest {

    private static final double NORTH = 40.000;
    private static final double EAST = 110.000;

    @Autowired
    private BackgroundWorker jobs;

    private String region;
    private UUID community;
    private WebTestClient worker;

    @BeforeEach
    void setUp() {
        region = "16" + ThreadLocalRandom.current().nextInt(1000, 9999);
        Map<String, Object> body = new HashMap<>();
        body.put("code", region + "0001");
        body.put("name", "覆盖测试社区");
        body.put("regionCode", region);
        body.put("centre", Map.of("lat", NORTH, "lon", EAST));
        body.put(
                "boundary",
                Map.of(
                        "type",
                        "Polygon",
                        "coordinates",
                        List.of(List.of(
                                List.of(109.99, 39.98),
                                List.of(110.01, 39.98),
                                List.of(110.01, 40.02),
                                List.of(109.99, 40.02),
                                List.of(109.99, 39.98)))));
        community = fixtures.community(body);
        fixtures.priceList(
                community, Fixtures.price("MEAL", 30, 1200, true, 30), Fixtures.price("BATHING", 60, 8000, true, null));
        worker = fixtures.worker(community);
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    private UUID elder(double north, String bathingPreference) {
        Map<String, Object> body = new HashMap<>(Fixtures.elderBody(community));
        body.put("location", Map.of("lat", north, "lon", EAST));
        body.remove("consentBy");
        body.remove("relationship");
        if (bathingPreference == null) {
            body.remove("bathingGenderPreference");
        } else {
            body.put("bathingGenderPreference", bathingPreference);
        }
        return UUID.fromString(worker.post()
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

    /** A walking provider onboarded at a home base, its credential verified by the worker. */
    private UUID provider(String service, String credential, String gender, double north, List<?> hours) {
        Map<String, Object> body = new HashMap<>(Fixtures.providerBody(community, service, credential));
        body.put("travelMode", "WALK");
        body.put("gender", gender);
        body.put("homeBase", Map.of("lat", north, "lon", EAST));
        body.put("workingHours", hours);
        Map<?, ?> onboarded = as(uid("provider"))
                .post()
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
        for (Object c : (List<?>) onboarded.get("credentials")) {
            worker.post()
                    .uri("/api/v1/providers/{p}/credentials/{c}/verification", id, ((Map<?, ?>) c).get("id"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("verified", true))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        return UUID.fromString(id);
    }

    private static List<Map<String, Object>> everyDay(String start, String end) {
        return java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(d -> Map.<String, Object>of("dayOfWeek", d, "start", start, "end", end))
                .toList();
    }

    private static Map<?, ?> service(Map<?, ?> coverage, String service) {
        return ((List<?>) coverage.get("services"))
                .stream()
                        .map(s -> (Map<?, ?>) s)
                        .filter(s -> service.equals(s.get("service")))
                        .findFirst()
                        .orElseThrow();
    }

    private static List<String> uncovered(Map<?, ?> service) {
        return ((List<?>) service.get("uncovered"))
                .stream().map(u -> ((Map<?, ?>) u).get("elderId").toString()).toList();
    }

    private static Object nearest(Map<?, ?> service, UUID elder) {
        return ((List<?>) service.get("uncovered"))
                .stream()
                        .map(u -> (Map<?, ?>) u)
                        .filter(u -> elder.toString().equals(u.get("elderId")))
                        .findFirst()
                        .orElseThrow()
                        .get("nearestMinutes");
    }

    private Map<?, ?> compute(WebTestClient who) {
        return who.post()
                .uri("/api/v1/communities/{c}/coverage/computation", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private Map<?, ?> latest(WebTestClient who) {
        return who.get()
                .uri("/api/v1/communities/{c}/coverage", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void theRateMatchesTheHandComputedCase() {
        UUID e1 = elder(40.003, "FEMALE");
        UUID e2 = elder(40.006, null);
        UUID e3 = elder(40.012, null);
        UUID e4 = elder(39.985, null);
        UUID p1 = provider("MEAL", "HEALTH_CERTIFICATE", "FEMALE", NORTH, everyDay("08:00", "17:00"));
        UUID p2 = provider("BATHING", "CAREGIVER_CERTIFICATE", "MALE", NORTH, everyDay("08:00", "17:00"));
        UUID p4 = provider("MEAL", "HEALTH_CERTIFICATE", "FEMALE", 39.985, everyDay("08:00", "17:00"));
        worker.put()
                .uri("/api/v1/providers/{p}/suspension", p4)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "差评复核中"))
                .exchange()
                .expectStatus()
                .isOk();
        UUID p5 = provider("MEAL", "HEALTH_CERTIFICATE", "FEMALE", 40.012, everyDay("11:00", "11:20"));

        Map<?, ?> coverage = compute(worker);
        assertThat(coverage.get("travelLimitMinutes")).isEqualTo(15);
        assertThat(Instant.parse(coverage.get("computedAt").toString())).isEqualTo(START);

        Map<?, ?> meal = service(coverage, "MEAL");
        assertThat(meal.get("elders")).isEqualTo(4);
        assertThat(meal.get("covered")).isEqualTo(2);
        assertThat(meal.get("rate")).isEqualTo(0.5);
        assertThat(uncovered(meal)).containsExactly(e4.toString(), e3.toString());
        assertThat((Double) nearest(meal, e3)).isCloseTo(24.1, within(1e-9));
        assertThat((Double) nearest(meal, e4)).isCloseTo(29.9, within(1e-9));
        assertThat(((Map<?, ?>) ((List<?>) meal.get("uncovered")).get(0)).get("maskedName"))
                .isEqualTo("张*华");

        Map<?, ?> bathing = service(coverage, "BATHING");
        assertThat(bathing.get("covered")).isEqualTo(1);
        assertThat(bathing.get("rate")).isEqualTo(0.25);
        assertThat(uncovered(bathing)).containsExactly(e1.toString(), e4.toString(), e3.toString());
        assertThat(nearest(bathing, e1)).isNull();
        assertThat((Double) nearest(bathing, e3)).isCloseTo(24.1, within(1e-9));

        for (String none : List.of("CLEANING", "MEDICAL_VISIT")) {
            assertThat(service(coverage, none).get("covered")).isEqualTo(0);
            assertThat(service(coverage, none).get("rate")).isEqualTo(0.0);
        }

        Map<?, ?> map = (Map<?, ?>) coverage.get("map");
        assertThat(((Map<?, ?>) map.get("boundary")).get("type")).isEqualTo("Polygon");
        List<?> elders = (List<?>) map.get("elders");
        assertThat(elders).hasSize(4);
        Map<?, ?> second = elders.stream()
                .map(e -> (Map<?, ?>) e)
                .filter(e -> e2.toString().equals(e.get("elderId")))
                .findFirst()
                .orElseThrow();
        assertThat(((List<?>) second.get("uncoveredServices"))
                        .stream().map(Object::toString).toList())
                .containsExactlyInAnyOrder("CLEANING", "MEDICAL_VISIT");
        assertThat(((Map<?, ?>) second.get("point")).get("lat")).isEqualTo(40.006);
        assertThat(((List<?>) map.get("providers"))
                        .stream().map(p -> ((Map<?, ?>) p).get("providerId").toString()))
                .containsExactlyInAnyOrder(p1.toString(), p2.toString())
                .doesNotContain(p4.toString(), p5.toString());

        // the stored figures are what a later read shows, and a district official may read them
        Map<?, ?> stored = latest(fixtures.official(community));
        assertThat(service(stored, "MEAL").get("rate")).isEqualTo(0.5);
        assertThat(stored.get("computedAt")).isEqualTo(coverage.get("computedAt"));
    }

    @Test
    void theJobRecomputesWhenDueAndAReadShowsTheLatestComputation() {
        UUID near = elder(40.003, null);
        Map<?, ?> first = latest(worker); // nothing stored yet: computed now
        assertThat(service(first, "MEAL").get("covered")).isEqualTo(0);
        assertThat(uncovered(service(first, "MEAL"))).containsExactly(near.toString());
        assertThat(nearest(service(first, "MEAL"), near)).isNull();

        provider("MEAL", "HEALTH_CERTIFICATE", "FEMALE", NORTH, everyDay("08:00", "17:00"));
        clock.advance(Duration.ofHours(1));
        // stored figures stand until the job is due again
        assertThat(service(latest(worker), "MEAL").get("covered")).isEqualTo(0);

        clock.advance(Duration.ofHours(7));
        jobs.drain().block(Duration.ofSeconds(120));
        Map<?, ?> after = latest(worker);
        assertThat(service(after, "MEAL").get("covered")).isEqualTo(1);
        assertThat(service(after, "MEAL").get("rate")).isEqualTo(1.0);
        assertThat(Instant.parse(after.get("computedAt").toString())).isEqualTo(START.plus(Duration.ofHours(8)));
    }

    @Test
    void aVolunteerCoversOnceVerifiedAndOnlyWhereTheServiceMayBeATimeBankOrder() {
        elder(40.003, null);
        Map<String, Object> body = new HashMap<>(Fixtures.providerBody(community, "MEAL", "VOLUNTEER_REGISTRATION"));
        body.put("kind", "VOLUNTEER");
        body.put("travelMode", "WALK");
        body.put("homeBase", Map.of("lat", NORTH, "lon", EAST));
        body.put("workingHours", everyDay("08:00", "17:00"));
        Map<?, ?> volunteer = as(uid("volunteer"))
                .post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(service(compute(worker), "MEAL").get("covered"))
                .as("not verified yet")
                .isEqualTo(0);

        Object credential = ((Map<?, ?>) ((List<?>) volunteer.get("credentials")).get(0)).get("id");
        worker.post()
                .uri("/api/v1/providers/{p}/credentials/{c}/verification", volunteer.get("id"), credential)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("verified", true))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(service(compute(worker), "MEAL").get("covered"))
                .as("meals may be time-bank orders here")
                .isEqualTo(1);

        fixtures.priceList(community, Fixtures.price("MEAL", 30, 1200, true, null));
        assertThat(service(compute(worker), "MEAL").get("covered"))
                .as("a volunteer never serves a paid order")
                .isEqualTo(0);
    }

    @Test
    void onlyStaffOfTheCommunityReadIt() {
        UUID elsewhere = fixtures.community();
        fixtures.worker(elsewhere)
                .get()
                .uri("/api/v1/communities/{c}/coverage", community)
                .exchange()
                .expectStatus()
                .isNotFound();
        fixtures.family()
                .post()
                .uri("/api/v1/communities/{c}/coverage/computation", community)
                .exchange()
                .expectStatus()
                .isForbidden();
        worker.get()
                .uri("/api/v1/communities/{c}/coverage", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        worker.get()
                .uri("/api/v1/communities/not-a-uuid/coverage")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
