package cn.carecircle.api.mealplans;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Recurring meal plans over HTTP: rolling creation, working days, canteen couriers first, pause, resume, cancel. */
class MealPlansTest extends IntegrationTest {

    /** Tuesday 1 December 2026, 10:00 in China. */
    static final Instant TUESDAY = Instant.parse("2026-12-01T02:00:00Z");

    @Autowired
    BackgroundWorker worker;

    DispatchScene scene;
    String canteen;

    @BeforeEach
    void scene() {
        clock.set(TUESDAY);
        scene = DispatchScene.create(this);
        canteen = organisation(scene, "CANTEEN", "胜利社区老年餐桌");
    }

    @AfterEach
    void restoreClock() {
        clock.set(START);
    }

    @Test
    void aDailyPlanCreatesItsDaysUpToTheHorizonThenOneMoreEachMidnight() {
        Map<String, Object> plan = place(scene.family, body("DAILY", 6, "2026-12-02"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(plan.get("status")).isEqualTo("ACTIVE");
        assertThat(plan.get("channel")).isEqualTo("APP");
        assertThat(plan.get("lastDay")).isEqualTo("2027-01-12");
        assertThat(plan.get("priceFen")).isEqualTo(1500);
        assertThat(plan.get("createdThrough")).isEqualTo("2026-12-31");
        List<Map<String, Object>> upcoming = upcoming(plan);
        assertThat(upcoming).hasSize(30);
        assertThat(upcoming.get(0).get("day")).isEqualTo("2026-12-02");
        assertThat(upcoming.get(29).get("day")).isEqualTo("2026-12-31");

        // each day is an ordinary scheduled meal order, in the delivery window, priced from the price list
        Map<String, Object> first = scene.order(upcoming.get(0).get("orderId").toString());
        assertThat(first.get("service")).isEqualTo("MEAL");
        assertThat(first.get("status")).isEqualTo("REQUESTED");
        assertThat(first.get("priceFen")).isEqualTo(1500);
        assertThat(((Map<?, ?>) first.get("window")).get("start").toString()).startsWith("2026-12-02T03:00");
        assertThat(((Map<?, ?>) first.get("window")).get("end").toString()).startsWith("2026-12-02T04:00");

        // midnight in China: the horizon moves one day on; a second run changes nothing
        clock.set(Instant.parse("2026-12-02T16:00:00Z"));
        worker.drain().block();
        worker.drain().block();
        Map<String, Object> later = get(plan);
        assertThat(later.get("createdThrough")).isEqualTo("2027-01-02");
        List<Map<String, Object>> days = upcoming(later);
        assertThat(days).extracting(d -> d.get("day")).doesNotHaveDuplicates();
        assertThat(days.get(0).get("day")).isEqualTo("2026-12-03");
        assertThat(days.get(days.size() - 1).get("day")).isEqualTo("2027-01-02");
        assertThat(days).hasSize(31);
    }

    @Test
    void aWorkdaysPlanFollowsTheWorkingDayCalendarWithItsMakeUpDays() {
        scene.operator
                .put()
                .uri("/api/v1/holiday-calendars/2031")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "status",
                        "OFFICIAL",
                        "notice",
                        "测试用日历",
                        "days",
                        List.of(
                                Map.of("date", "2031-01-01", "kind", "HOLIDAY", "name", "元旦"),
                                Map.of("date", "2031-01-04", "kind", "WORKDAY", "name", "元旦调休上班"))))
                .exchange()
                .expectStatus()
                .isOk();
        clock.set(Instant.parse("2030-12-31T02:00:00Z"));

        Map<String, Object> plan = place(scene.worker, body("WORKDAYS", 1, "2031-01-01"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        // a worker's plan for an elder who phoned in
        assertThat(plan.get("channel")).isEqualTo("PHONE");
        assertThat(upcoming(plan))
                .extracting(d -> d.get("day"))
                .containsExactly("2031-01-02", "2031-01-03", "2031-01-04", "2031-01-06", "2031-01-07");
    }

    @Test
    void eachDayGoesFirstToTheCanteensCouriersThenToAnyone() {
        DispatchScene.Provider courier = scene.provider("MEAL", "HEALTH_CERTIFICATE", true, "FEMALE", "MEAL_COURIER");
        DispatchScene.Provider other = scene.provider("MEAL", "HEALTH_CERTIFICATE", true, "FEMALE", "MEAL_COURIER");
        scene.worker
                .put()
                .uri("/api/v1/providers/{p}/organisation", courier.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organisationId", canteen))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.organisationId")
                .isEqualTo(canteen);
        // the provider as the providers screen reads them: employed by the canteen, or independent
        providerOf(courier).jsonPath("$.organisationId").isEqualTo(canteen);
        Map<String, Object> independent = new HashMap<>();
        independent.put("organisationId", null);
        scene.worker
                .put()
                .uri("/api/v1/providers/{p}/organisation", other.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(independent)
                .exchange()
                .expectStatus()
                .isOk();
        providerOf(other).jsonPath("$.organisationId").doesNotExist();
        Map<String, Object> plan = place(scene.family, body("DAILY", 1, "2026-12-02"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String order = upcoming(plan).get(0).get("orderId").toString();

        // dispatch starts two hours before the window (11:00 in China): only the canteen's courier is asked
        clock.set(Instant.parse("2026-12-02T01:00:00Z"));
        courier.online();
        other.online();
        worker.drain().block();
        assertThat(scene.status(order)).isEqualTo("MATCHING");
        assertThat(courier.offerOf(order)).isNotNull();
        assertThat(other.offers()).noneMatch(o -> order.equals(o.get("orderId")));

        // the courier lets the offer expire: the next round goes to anyone
        clock.set(Instant.parse("2026-12-02T01:11:00Z"));
        courier.online();
        other.online();
        worker.drain().block();
        assertThat(other.offerOf(order)).isNotNull();
    }

    @Test
    void pausingCancelsTheDaysNotBegunAndResumingCreatesThemAgain() {
        Map<String, Object> plan = place(scene.family, body("DAILY", 2, "2026-12-02"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String firstOrder = upcoming(plan).get(0).get("orderId").toString();

        Map<String, Object> paused = post(scene.family, plan, "pause", Map.of("reason", "老人住院"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(paused.get("status")).isEqualTo("PAUSED");
        assertThat(upcoming(paused)).isEmpty();
        assertThat(scene.status(firstOrder)).isEqualTo("CANCELLED");
        post(scene.family, plan, "pause", Map.of("reason", "再次暂停"))
                .expectStatus()
                .isEqualTo(409);

        // paused: midnight creates nothing
        clock.set(Instant.parse("2026-12-02T16:00:00Z"));
        worker.drain().block();
        assertThat(upcoming(get(plan))).isEmpty();

        Map<String, Object> resumed = post(scene.family, plan, "resumption", null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(resumed.get("status")).isEqualTo("ACTIVE");
        assertThat(upcoming(resumed)).extracting(d -> d.get("day")).first().isEqualTo("2026-12-03");
        assertThat(upcoming(resumed)).extracting(d -> d.get("day")).last().isEqualTo("2026-12-15");

        Map<String, Object> cancelled = post(scene.worker, plan, "cancellation", Map.of("reason", "家属退订"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
        assertThat(upcoming(cancelled)).isEmpty();
        post(scene.family, plan, "resumption", null).expectStatus().isEqualTo(409);
    }

    @Test
    void badPlansAreRefusedFieldByFieldAndNothingIsCreated() {
        String agency = organisation(scene, "AGENCY", "居家养老服务站");
        place(scene.family, with("canteenId", agency))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("canteenId")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("of-community-and-kind");

        DispatchScene elsewhere = DispatchScene.create(this);
        String otherCanteen = organisation(elsewhere, "CANTEEN", "别的社区餐桌");
        place(scene.family, with("canteenId", otherCanteen)).expectStatus().isEqualTo(422);

        Map<String, Object> tooLong = with("durationMinutes", 90);
        tooLong.put("windowMinutes", 60);
        place(scene.family, tooLong)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'durationMinutes')].rule")
                .isEqualTo("fits-window");
        place(scene.family, with("firstDay", "2026-11-30"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'firstDay')].rule")
                .isEqualTo("not-past");
        place(scene.family, with("windowStart", "25:00"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("windowStart");
        place(scene.family, with("durationMinutes", 45))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("durationMinutes");
        // someone else's elder
        place(fixtures.family(), body("DAILY", 1, "2026-12-02")).expectStatus().isNotFound();

        scene.family
                .get()
                .uri("/api/v1/meal-plans?elderId={e}", scene.elder)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        scene.worker
                .post()
                .uri("/api/v1/service-organisations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("communityId", scene.community, "kind", "CANTEEN", "name", "胜利社区老年餐桌"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    private Map<String, Object> body(String days, int weeks, String firstDay) {
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", scene.elder.toString());
        body.put("canteenId", canteen);
        body.put("days", days);
        body.put("weeks", weeks);
        body.put("firstDay", firstDay);
        body.put("windowStart", "11:00");
        body.put("windowMinutes", 60);
        body.put("durationMinutes", 30);
        body.put("settlement", "PAID");
        body.put("notes", "少盐");
        return body;
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = body("DAILY", 1, "2026-12-02");
        body.put(field, value);
        return body;
    }

    private WebTestClient.BodyContentSpec providerOf(DispatchScene.Provider provider) {
        return scene.worker
                .get()
                .uri("/api/v1/providers/{p}", provider.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    private WebTestClient.ResponseSpec place(WebTestClient client, Map<String, Object> body) {
        return client.post()
                .uri("/api/v1/meal-plans")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec post(
            WebTestClient client, Map<String, Object> plan, String action, Object body) {
        WebTestClient.RequestBodySpec spec = client.post().uri("/api/v1/meal-plans/{p}/" + action, plan.get("id"));
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(Map<String, Object> plan) {
        return scene.family
                .get()
                .uri("/api/v1/meal-plans/{p}", plan.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> upcoming(Map<String, Object> plan) {
        return (List<Map<String, Object>>) plan.get("upcoming");
    }

    private static String organisation(DispatchScene in, String kind, String name) {
        return in.worker
                .post()
                .uri("/api/v1/service-organisations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("communityId", in.community, "kind", kind, "name", name))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }
}
