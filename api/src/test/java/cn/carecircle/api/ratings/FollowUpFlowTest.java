package cn.carecircle.api.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The follow-up case of a bad rating over HTTP: its working-day deadline on the seeded calendar, the workflow from
 * call-back to closing with each refusal, escalation of overdue cases to the district official, and the holiday
 * calendar a worker maintains.
 */
class FollowUpFlowTest extends RatingScenario {

    /** Opens a case: a completed order of a new cleaner, rated bad by the family member now. */
    private Map<?, ?> badRating(String level) {
        UUID order = completedOrder(family, "CLEANING", provider("CLEANING"));
        Map<?, ?> rating = rated(family, order, level);
        assertThat(rating.get("bad")).isEqualTo(true);
        return rating;
    }

    @Test
    void aBadRatingOpensACaseInTheEldersCommunityDueFiveWorkingDaysLater() {
        Map<?, ?> rating = badRating("DISSATISFIED");
        assertThat(rating.get("followUpStatus")).isEqualTo("OPEN");
        Map<?, ?> c = followUp(staff, rating.get("followUpId"));
        assertThat(c.get("communityId")).isEqualTo(community.toString());
        assertThat(c.get("status")).isEqualTo("OPEN");
        assertThat(c.get("elderMaskedName")).isEqualTo("张*华");
        // Monday 23 November 2026, 10:00 in China: Tue..Fri, then Monday 30th
        assertThat(c.get("dueOn")).isEqualTo("2026-11-30");
        assertThat(c.get("dueAt").toString()).startsWith("2026-11-30T16:00");
        assertThat(c.get("dueProvisional")).isEqualTo(false);
        assertThat(c.get("overdue")).isEqualTo(false);

        // a good rating opens nothing
        UUID order = completedOrder(family, "CLEANING", provider("CLEANING"));
        assertThat(rated(family, order, "BASICALLY_SATISFIED").get("followUpId"))
                .isNull();
    }

    @Test
    void theDeadlineSkipsTheNationalDayHolidaysAndCountsTheMakeUpSaturday() {
        // Thursday 24 September 2026, 10:00 in China: 25..27 中秋, 28..30 are 1..3, 1..7 October 国庆,
        // Thursday 8 and Friday 9 October are 4 and 5
        clock.set(Instant.parse("2026-09-24T02:00:00Z"));
        Map<?, ?> c = followUp(staff, badRating("VERY_DISSATISFIED").get("followUpId"));
        assertThat(c.get("dueOn")).isEqualTo("2026-10-09");
        assertThat(c.get("dueProvisional")).isEqualTo(false);

        // Thursday 12 February 2026: Friday 13 (1), Saturday 14 is a make-up working day (2), 15..23 春节,
        // 24 (3), 25 (4), 26 (5)
        clock.set(Instant.parse("2026-02-12T02:00:00Z"));
        c = followUp(staff, badRating("DISSATISFIED").get("followUpId"));
        assertThat(c.get("dueOn")).isEqualTo("2026-02-26");
    }

    @Test
    void theWholeWorkflowFromCallBackToClosing() {
        Provider cleaner = provider("CLEANING");
        UUID order = completedOrder(family, "CLEANING", cleaner);
        Object caseId = rate(family, order, Map.of("level", "DISSATISFIED", "tags", List.of("NOT_CLEAN")))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("followUpId");

        // closing an untouched case names everything missing
        post(staff, "/api/v1/follow-ups/{id}/closure", caseId, Map.of())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "follow-up-incomplete")
                .jsonPath("$.errors[?(@.field == 'finding')].rule")
                .isEqualTo("required-before-closing")
                .jsonPath("$.errors[?(@.field == 'calls')].rule")
                .isEqualTo("call-back-required");

        post(staff, "/api/v1/follow-ups/{id}/calls", caseId, Map.of("outcome", "NOT_REACHABLE"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/calls", caseId, Map.of("outcome", "HUNG_UP"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("outcome");
        Map<?, ?> afterCall = post(
                        staff,
                        "/api/v1/follow-ups/{id}/calls",
                        caseId,
                        Map.of("outcome", "REACHED", "note", "家属说厨房没有打扫"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<?> calls = (List<?>) afterCall.get("calls");
        assertThat(calls).hasSize(2);
        assertThat(((Map<?, ?>) calls.get(0)).get("outcome")).isEqualTo("NOT_REACHABLE");
        assertThat(((Map<?, ?>) calls.get(1)).get("note")).isEqualTo("家属说厨房没有打扫");

        // the provider gives their side once; another provider cannot; the worker cannot as the provider
        post(
                        cleaner.client(),
                        "/api/v1/follow-ups/{id}/provider-response",
                        caseId,
                        Map.of("statement", "厨房当天有人在做饭，约好第二天补扫"))
                .expectStatus()
                .isNoContent();
        post(cleaner.client(), "/api/v1/follow-ups/{id}/provider-response", caseId, Map.of("statement", "再说一次"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "duplicate");
        post(
                        provider("CLEANING").client(),
                        "/api/v1/follow-ups/{id}/provider-response",
                        caseId,
                        Map.of("statement", "不是我的单"))
                .expectStatus()
                .isNotFound();
        // the provider does not read the case (it holds what the elder said)
        cleaner.client()
                .get()
                .uri("/api/v1/follow-ups/{id}", caseId)
                .exchange()
                .expectStatus()
                .isForbidden();

        // a reached rater must rate the handling before the case closes
        post(
                        staff,
                        "/api/v1/follow-ups/{id}/finding",
                        caseId,
                        Map.of("finding", "PARTLY_UPHELD", "remedy", "服务商安排免费补扫一次"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/finding", caseId, Map.of("finding", "UPHELD"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "illegal-state");
        post(staff, "/api/v1/follow-ups/{id}/closure", caseId, Map.of())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].field")
                .isEqualTo("handlingLevel");

        Map<?, ?> closed = post(
                        staff,
                        "/api/v1/follow-ups/{id}/closure",
                        caseId,
                        Map.of("handlingLevel", "SATISFIED", "note", "补扫后家属满意"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(closed.get("finding")).isEqualTo("PARTLY_UPHELD");
        assertThat(closed.get("remedy")).isEqualTo("服务商安排免费补扫一次");
        assertThat(closed.get("providerResponse")).isEqualTo("厨房当天有人在做饭，约好第二天补扫");
        assertThat(closed.get("handlingLevel")).isEqualTo("SATISFIED");
        assertThat(closed.get("closeNote")).isEqualTo("补扫后家属满意");
        assertThat(closed.get("overdue")).isEqualTo(false);

        // a closed case takes nothing more
        for (String step : List.of("calls", "finding", "closure")) {
            post(
                            staff,
                            "/api/v1/follow-ups/{id}/" + step,
                            caseId,
                            Map.of("outcome", "REACHED", "finding", "UPHELD", "handlingLevel", "SATISFIED"))
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "follow-up-closed");
        }
        post(cleaner.client(), "/api/v1/follow-ups/{id}/provider-response", caseId, Map.of("statement", "补充说明"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "follow-up-closed");
    }

    @Test
    void onlyWorkersOfTheCommunityHandleTheCaseAndTheQueueIsOrderedByDueDate() {
        Object later = badRating("DISSATISFIED").get("followUpId");
        // opened a day earlier, so due a working day earlier
        clock.set(START.minusSeconds(86_400));
        Object earlier = badRating("VERY_DISSATISFIED").get("followUpId");
        clock.set(START);

        WebTestClient stranger = fixtures.worker(fixtures.community());
        stranger.get()
                .uri("/api/v1/follow-ups/{id}", later)
                .exchange()
                .expectStatus()
                .isNotFound();
        post(stranger, "/api/v1/follow-ups/{id}/calls", later, Map.of("outcome", "REACHED"))
                .expectStatus()
                .isNotFound();
        family.get().uri("/api/v1/follow-ups").exchange().expectStatus().isForbidden();

        staff.get()
                .uri("/api/v1/follow-ups?status=OPEN")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items[0].id")
                .isEqualTo(earlier.toString())
                .jsonPath("$.items[1].id")
                .isEqualTo(later.toString())
                .jsonPath("$.items[0].elderMaskedName")
                .isEqualTo("张*华");
        // the district official reads but does not handle
        Official official = official(community);
        official.client()
                .get()
                .uri("/api/v1/follow-ups/{id}", later)
                .exchange()
                .expectStatus()
                .isOk();
        post(official.client(), "/api/v1/follow-ups/{id}/calls", later, Map.of("outcome", "REACHED"))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void anOverdueCaseIsFlaggedAndEscalatedToTheDistrictOfficialOnce() {
        Official official = official(community);
        Official elsewhere = official(fixtures.community());
        Object overdue = badRating("DISSATISFIED").get("followUpId");
        Object handled = badRating("DISSATISFIED").get("followUpId");
        post(staff, "/api/v1/follow-ups/{id}/calls", handled, Map.of("outcome", "REACHED"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/finding", handled, Map.of("finding", "NOT_UPHELD"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/closure", handled, Map.of("handlingLevel", "BASICALLY_SATISFIED"))
                .expectStatus()
                .isOk();

        // one second before the end of Monday 30 November in China: not yet
        clock.set(Instant.parse("2026-11-30T15:59:59Z"));
        worker.drain().block();
        assertThat(followUp(staff, overdue).get("escalatedAt")).isNull();
        assertThat(pushes(official.accountId(), "follow-up-overdue")).isZero();

        clock.set(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(worker.drain().block()).isPositive();
        Map<?, ?> c = followUp(official.client(), overdue);
        assertThat(c.get("overdue")).isEqualTo(true);
        assertThat(c.get("escalatedAt").toString()).startsWith("2026-11-30T16:00");
        assertThat(pushes(official.accountId(), "follow-up-overdue")).isEqualTo(1);
        assertThat(pushes(elsewhere.accountId(), "follow-up-overdue")).isZero();
        // the closed case is not escalated
        assertThat(followUp(staff, handled).get("escalatedAt")).isNull();

        // escalated once: a later run sends nothing more
        worker.drain().block();
        assertThat(pushes(official.accountId(), "follow-up-overdue")).isEqualTo(1);

        official.client()
                .get()
                .uri("/api/v1/follow-ups?overdue=true&communityId={c}", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].id")
                .isEqualTo(overdue.toString())
                .jsonPath("$.items[0].overdue")
                .isEqualTo(true);
    }

    @Test
    void theSeededCalendarsAreTheOfficial2026NoticeAndAProvisional2027() {
        staff.get()
                .uri("/api/v1/holiday-calendars/2026")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OFFICIAL")
                .jsonPath("$.notice")
                .value(n -> assertThat(n.toString()).contains("国办发明电〔2025〕7号"))
                .jsonPath("$.days[?(@.kind == 'WORKDAY')].date")
                .isEqualTo(List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"))
                // 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7
                .jsonPath("$.days[?(@.kind == 'HOLIDAY')].date")
                .value(days -> assertThat((List<?>) days).hasSize(33));
        Map<?, ?> y2027 = staff.get()
                .uri("/api/v1/holiday-calendars/2027")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(y2027.get("status")).isEqualTo("PROVISIONAL");
        List<?> days = (List<?>) y2027.get("days");
        // the 13 statutory holidays of 《全国年节及纪念日放假办法》, no make-up days
        assertThat(days)
                .hasSize(13)
                .allSatisfy(d -> assertThat(((Map<?, ?>) d).get("kind")).isEqualTo("HOLIDAY"));
        staff.get()
                .uri("/api/v1/holiday-calendars/2035")
                .exchange()
                .expectStatus()
                .isNotFound();
        family.get()
                .uri("/api/v1/holiday-calendars/2026")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aWorkerEntersAYearsNoticeAndItIsAuditedAndBadInputIsRefusedFieldByField() {
        WebTestClient operator = fixtures.operator();
        Map<String, Object> bad = Map.of(
                "status",
                "OFFICIAL",
                "days",
                List.of(
                        Map.of("date", "2030-01-01", "kind", "HOLIDAY", "name", "元旦"),
                        Map.of("date", "2030-01-02", "kind", "WORKDAY", "name", "周三上班"),
                        Map.of("date", "2031-01-01", "kind", "HOLIDAY", "name", "元旦"),
                        Map.of("date", "2030-01-01", "kind", "HOLIDAY", "name", "元旦")));
        staff.put()
                .uri("/api/v1/holiday-calendars/2030")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bad)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'notice')].rule")
                .isEqualTo("required-for-official")
                .jsonPath("$.errors[?(@.field == 'days[1].kind')].rule")
                .isEqualTo("workday-on-weekend")
                .jsonPath("$.errors[?(@.field == 'days[2].date')].rule")
                .isEqualTo("in-year")
                .jsonPath("$.errors[?(@.field == 'days[3].date')].rule")
                .isEqualTo("unique");
        staff.get()
                .uri("/api/v1/holiday-calendars/2030")
                .exchange()
                .expectStatus()
                .isNotFound();

        Map<String, Object> notice = Map.of(
                "status",
                "OFFICIAL",
                "notice",
                "测试用通知（fixture）",
                "days",
                List.of(
                        Map.of("date", "2030-01-01", "kind", "HOLIDAY", "name", "元旦"),
                        Map.of("date", "2030-01-05", "kind", "WORKDAY", "name", "元旦调休上班")));
        Map<?, ?> entered = staff.put()
                .uri("/api/v1/holiday-calendars/2030")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(notice)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(entered.get("status")).isEqualTo("OFFICIAL");
        assertThat((List<?>) entered.get("days")).hasSize(2);
        assertThat(entered.get("enteredBy")).isNotNull();
        operator.get()
                .uri("/api/v1/audit-events?subjectId={s}", HolidayCalendars.subjectId(2030))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].action")
                .isEqualTo("HOLIDAY_CALENDAR_ENTERED");
        family.put()
                .uri("/api/v1/holiday-calendars/2030")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(notice)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aDeadlineIntoAProvisionalYearIsProvisionalUntilTheNoticeIsEnteredThenItMoves() {
        // Monday 28 December 2026: 29, 30, 31 are 1..3; 1 January 2027 is a statutory holiday; 4 and 5 January
        clock.set(Instant.parse("2026-12-28T02:00:00Z"));
        Object caseId = badRating("DISSATISFIED").get("followUpId");
        Map<?, ?> c = followUp(staff, caseId);
        assertThat(c.get("dueOn")).isEqualTo("2027-01-05");
        assertThat(c.get("dueProvisional")).isEqualTo(true);

        Map<?, ?> provisional = staff.get()
                .uri("/api/v1/holiday-calendars/2027")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        try {
            // a fixture notice for 2027 that gives 1..3 January and makes Saturday 9 January a working day...
            List<Map<String, Object>> days = List.of(
                    Map.of("date", "2027-01-01", "kind", "HOLIDAY", "name", "元旦"),
                    Map.of("date", "2027-01-04", "kind", "HOLIDAY", "name", "元旦"),
                    Map.of("date", "2027-01-09", "kind", "WORKDAY", "name", "元旦调休上班"));
            staff.put()
                    .uri("/api/v1/holiday-calendars/2027")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("status", "OFFICIAL", "notice", "测试用通知（fixture）", "days", days))
                    .exchange()
                    .expectStatus()
                    .isOk();
            // ...moves the open case to Wednesday 6 January, no longer provisional
            c = followUp(staff, caseId);
            assertThat(c.get("dueOn")).isEqualTo("2027-01-06");
            assertThat(c.get("dueProvisional")).isEqualTo(false);
        } finally {
            staff.put()
                    .uri("/api/v1/holiday-calendars/2027")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("status", "PROVISIONAL", "days", provisional.get("days")))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }
}
