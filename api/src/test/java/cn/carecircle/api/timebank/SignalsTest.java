package cn.carecircle.api.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.DispatchScene.Provider;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The collusion signals over HTTP, from orders served, confirmed and checked in through the API: each kind found,
 * and the near miss just below its threshold not found.
 */
class SignalsTest extends IntegrationTest {

    /** About 1.5 km north of the scene's elder's home. */
    private static final Map<String, Object> FAR_HOME = Map.of("lat", 40.7706, "lon", 107.3902);

    private static final Map<String, Object> FAR_DOOR = Map.of("lat", 40.7707, "lon", 107.3903);
    private static final Map<String, Object> NEAR_FAR_HOME = Map.of("lat", 40.7730, "lon", 107.3902);

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

    @Test
    void aVolunteerEarningMostlyFromOneEldersOrdersIsASignalFromTheFifthPosting() {
        Provider volunteer = scene.volunteer();
        List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(serveAndConfirm(volunteer));
        }
        assertThat(signals(scene.worker, "CONCENTRATED_EARNING")).isEmpty();

        orders.add(serveAndConfirm(volunteer));
        List<Map<String, Object>> found = signals(scene.worker, "CONCENTRATED_EARNING");
        assertThat(found).hasSize(1);
        Map<String, Object> signal = found.get(0);
        Map<?, ?> figures = (Map<?, ?>) signal.get("figures");
        assertThat(figures.get("pairPostings")).isEqualTo(5);
        assertThat(figures.get("earnedPostings")).isEqualTo(5);
        assertThat(figures.get("earnedMinutes")).isEqualTo(450);
        assertThat(figures.get("sharePercent")).isEqualTo(100.0);
        assertThat(figures.get("windowDays")).isEqualTo(90);
        assertThat(ids(signal)).containsExactlyInAnyOrderElementsOf(orders);
        List<Map<String, Object>> parties = parties(signal);
        assertThat(parties).extracting(p -> p.get("role")).containsExactly("VOLUNTEER", "ELDER");
        assertThat(parties.get(0).get("providerId")).isEqualTo(volunteer.id());
        assertThat(parties.get(0).get("maskedName")).isEqualTo("赵*");
        assertThat(parties.get(1).get("elderId")).isEqualTo(scene.elder.toString());
        assertThat(parties.get(1).get("maskedName")).isEqualTo("张*华");
        assertThat(signal.get("explanation").toString()).contains("100.0%").contains("5");
        // ids and masked names only: no full name, address, phone or position
        assertThat(rawSignals(scene.worker))
                .doesNotContain("张桂华")
                .doesNotContain("赵丽")
                .doesNotContain("临河区")
                .doesNotContain("40.757");
    }

    @Test
    void earningCapsRefusingAVolunteerAgainAndAgainIsASignalFromTheThirdRefusal() {
        Provider volunteer = scene.volunteer();
        WebTestClient secondWorker = fixtures.worker(scene.community);
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/timebank/rules", scene.community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "effectiveFrom", today().toString(),
                        "dailyEarningCapMinutes", 60,
                        "lifetimeEarningCapMinutes", 60_000,
                        "giftMaxMinutes", 600,
                        "giftMaxMinutesPerMonth", 1200,
                        "minRedeemAge", 60))
                .exchange()
                .expectStatus()
                .isOk();
        approve(secondWorker, record(volunteer, 50)).expectStatus().isOk();
        for (int i = 0; i < 2; i++) {
            approve(secondWorker, record(volunteer, 30))
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.errors[0].rule")
                    .isEqualTo("daily-earning-cap");
        }
        assertThat(signals(scene.worker, "REPEATED_CAP_REFUSALS")).isEmpty();

        // a confirmed order's minutes over the cap: the confirmation stands, the refusal is the third
        String order = serveAndConfirm(volunteer);
        assertThat(scene.status(order)).isEqualTo("CONFIRMED");
        assertThat(balance(volunteer.client())).isEqualTo(50);
        // the refused posting left nothing behind, not even its claimed key (the order itself was free)
        assertThat(db.sql("select count(*) as n from timebank_posting where reference_id = :o")
                        .bind("o", UUID.fromString(order))
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(Duration.ofSeconds(10)))
                .isZero();
        List<Map<String, Object>> found = signals(scene.worker, "REPEATED_CAP_REFUSALS");
        assertThat(found).hasSize(1);
        Map<?, ?> figures = (Map<?, ?>) found.get(0).get("figures");
        assertThat(figures.get("refusals")).isEqualTo(3);
        assertThat(figures.get("refusedMinutes")).isEqualTo(150);
        assertThat(figures.get("rules")).isEqualTo(List.of("daily-earning-cap"));
        assertThat(ids(found.get(0))).containsExactly(order);
        assertThat(parties(found.get(0)).get(0).get("providerId")).isEqualTo(volunteer.id());
    }

    @Test
    void checkInsTooFarApartForTheTimeBetweenThemAreASignalAndAPlausibleTripIsNot() {
        UUID farElder = fixtures.boundElder(scene.family, scene.worker, scene.community, Map.of("location", FAR_HOME));
        Provider volunteer = scene.volunteer();

        String first = serve(volunteer, scene.elder, DispatchScene.NEARBY, DispatchScene.AT_THE_DOOR, 30);
        // 1.5 km in the 10 minutes after checking out there: 9 km/h, and 40 minutes between the check-ins
        clock.advance(Duration.ofMinutes(10));
        String second = serve(volunteer, farElder, NEAR_FAR_HOME, FAR_DOOR, 1);
        assertThat(signals(scene.worker, "IMPLAUSIBLE_TRAVEL")).isEmpty();

        // back 1.5 km one minute after checking out: 90 km/h, two minutes between the check-ins
        clock.advance(Duration.ofMinutes(1));
        String third = serve(volunteer, scene.elder, DispatchScene.NEARBY, DispatchScene.AT_THE_DOOR, 30);
        List<Map<String, Object>> found = signals(scene.worker, "IMPLAUSIBLE_TRAVEL");
        assertThat(found).hasSize(1);
        Map<String, Object> signal = found.get(0);
        assertThat(ids(signal)).containsExactly(second, third);
        Map<?, ?> figures = (Map<?, ?>) signal.get("figures");
        assertThat(((Number) figures.get("distanceMetres")).intValue()).isBetween(1450, 1550);
        assertThat(figures.get("travelMinutes")).isEqualTo(1.0);
        assertThat(figures.get("minutesBetweenCheckIns")).isEqualTo(2.0);
        assertThat(((Number) figures.get("speedKmh")).doubleValue()).isBetween(85.0, 95.0);
        assertThat(parties(signal)).extracting(p -> p.get("role")).containsExactly("VOLUNTEER", "ELDER", "ELDER");
        assertThat(parties(signal).get(2).get("elderId")).isEqualTo(scene.elder.toString());
        assertThat(signal.get("explanation").toString()).contains("km/h").contains("minutes apart");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void signalsAreForTheCommunitysWorkersAndTheDistrictOfficial() {
        fixtures.official(scene.community)
                .get()
                .uri("/api/v1/communities/{c}/timebank/signals", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.communityId")
                .isEqualTo(scene.community.toString())
                .jsonPath("$.thresholds.earningSharePercent")
                .isEqualTo(80)
                .jsonPath("$.thresholds.refusalMinCount")
                .isEqualTo(3)
                .jsonPath("$.thresholds.travelMaxSpeedKmh")
                .isEqualTo(60);
        fixtures.worker(fixtures.community())
                .get()
                .uri("/api/v1/communities/{c}/timebank/signals", scene.community)
                .exchange()
                .expectStatus()
                .isNotFound();
        scene.family
                .get()
                .uri("/api/v1/communities/{c}/timebank/signals", scene.community)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A time-bank cleaning for the scene's elder, served for 90 minutes by the volunteer and confirmed. */
    private String serveAndConfirm(Provider volunteer) {
        String order = serve(volunteer, scene.elder, DispatchScene.NEARBY, DispatchScene.AT_THE_DOOR, 90);
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/confirmation", order)
                .exchange()
                .expectStatus()
                .isOk();
        clock.advance(Duration.ofMinutes(10));
        return order;
    }

    /** A time-bank cleaning for an elder, taken by the volunteer from here, checked in at the door, served. */
    private String serve(
            Provider volunteer, UUID elder, Map<String, Object> from, Map<String, Object> door, int minutes) {
        volunteer.at(from);
        String order = scene.place(Map.of(
                        "elderId",
                        elder.toString(),
                        "service",
                        "CLEANING",
                        "durationMinutes",
                        90,
                        "settlement",
                        "TIME_BANK"))
                .get("id")
                .toString();
        scene.complete(volunteer, order, door, Duration.ofMinutes(minutes));
        return order;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> signals(WebTestClient who, String kind) {
        Map<String, Object> body = who.get()
                .uri("/api/v1/communities/{c}/timebank/signals", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) body.get("signals"))
                .stream().filter(s -> kind.equals(s.get("kind"))).toList();
    }

    private String rawSignals(WebTestClient who) {
        return who.get()
                .uri("/api/v1/communities/{c}/timebank/signals", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> signal) {
        return (List<String>) signal.get("orderIds");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parties(Map<String, Object> signal) {
        return (List<Map<String, Object>>) signal.get("parties");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), TimeBankService.ZONE);
    }

    private String record(Provider volunteer, int minutes) {
        return scene.worker
                .post()
                .uri("/api/v1/timebank/service-records")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "volunteerId",
                        volunteer.id(),
                        "minutes",
                        minutes,
                        "servedOn",
                        today().toString(),
                        "description",
                        "重阳节社区集体活动"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    private static WebTestClient.ResponseSpec approve(WebTestClient who, String recordId) {
        return who.post()
                .uri("/api/v1/timebank/service-records/{id}/approval", recordId)
                .exchange();
    }

    private static long balance(WebTestClient who) {
        return ((Number) who.get()
                        .uri("/api/v1/timebank/accounts/me")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("balance"))
                .longValue();
    }
}
