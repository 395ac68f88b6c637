package cn.carecircle.api.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Offline service records with two reviewers, the communities' versioned rules, statements and pool figures. */
class ServiceRecordsAndRulesTest extends TimeBankScenario {

    @Autowired
    TimeBankService timeBank;

    @BeforeEach
    void setUp() {
        setUpScenario();
    }

    @Test
    void aRecordIsPendingUntilASecondWorkerApprovesItThenThePoolIssuesTheMinutes() {
        String id = recordId(worker, volunteerId, 90, today().minusDays(1));
        secondWorker
                .get()
                .uri("/api/v1/timebank/service-records?status=PENDING&communityId=" + community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].id")
                .isEqualTo(id);
        assertThat(balance(volunteer)).isZero();
        approve(secondWorker, id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("APPROVED")
                .jsonPath("$.postingId")
                .isNotEmpty();
        assertThat(balance(volunteer)).isEqualTo(90);
        volunteer
                .get()
                .uri("/api/v1/timebank/service-records")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].status")
                .isEqualTo("APPROVED");
        Map<?, ?> summary = worker.get()
                .uri("/api/v1/communities/{c}/timebank/summary?month=2026-11", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(summary.get("issued")).isEqualTo(90);
        assertThat(summary.get("redeemed")).isEqualTo(0);
        assertThat(summary.get("outstanding")).isEqualTo(90);
        worker.get()
                .uri("/api/v1/timebank/accounts/{id}/statement", summary.get("poolAccountId"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.account.kind")
                .isEqualTo("POOL")
                .jsonPath("$.account.balance")
                .isEqualTo(-90)
                .jsonPath("$.items[0].minutes")
                .isEqualTo(-90)
                .jsonPath("$.items[0].balanceAfter")
                .isEqualTo(-90);
        worker.get()
                .uri("/api/v1/communities/{c}/timebank/summary?month=2026-10", community)
                .exchange()
                .expectBody()
                .jsonPath("$.issued")
                .isEqualTo(0)
                .jsonPath("$.outstanding")
                .isEqualTo(0);
    }

    @Test
    void theStatementShowsTheRunningBalanceNewestFirstInPages() {
        earn(100);
        give(volunteer, toElder(elder, 30), key()).expectStatus().isCreated();
        give(volunteer, toElder(elder, 20), key()).expectStatus().isCreated();
        String account = volunteer
                .get()
                .uri("/api/v1/timebank/accounts/me")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        volunteer
                .get()
                .uri("/api/v1/timebank/accounts/{id}/statement?size=2", account)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.items[0].minutes")
                .isEqualTo(-20)
                .jsonPath("$.items[0].balanceAfter")
                .isEqualTo(50)
                .jsonPath("$.items[1].balanceAfter")
                .isEqualTo(70);
        volunteer
                .get()
                .uri("/api/v1/timebank/accounts/{id}/statement?size=2&page=1", account)
                .exchange()
                .expectBody()
                .jsonPath("$.items[0].kind")
                .isEqualTo("ISSUE")
                .jsonPath("$.items[0].balanceAfter")
                .isEqualTo(100);
        // another person's account, and the pool, are not the volunteer's to read
        fixtures.family()
                .get()
                .uri("/api/v1/timebank/accounts/{id}/statement", account)
                .exchange()
                .expectStatus()
                .isNotFound();
        volunteer
                .get()
                .uri("/api/v1/communities/{c}/timebank/summary?month=2026-11", community)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void concurrentApprovalsOfOneRecordPostOnce() throws Exception {
        String id = recordId(worker, volunteerId, 60, today());
        WebTestClient third = fixtures.worker(community);
        List<Integer> statuses =
                race(
                                8,
                                i -> approve(i % 2 == 0 ? secondWorker : third, id)
                                        .expectBody()
                                        .returnResult())
                        .stream()
                        .map(r -> r.getStatus().value())
                        .toList();
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(7);
        assertThat(balance(volunteer)).isEqualTo(60);
    }

    @Test
    void concurrentApprovalsForOneVolunteerKeepTheDailyCap() throws Exception {
        setRules(100, 60_000, 600, 1200, 60);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(recordId(worker, volunteerId, 30, today()));
        }
        List<Integer> statuses = race(
                        6, i -> approve(secondWorker, ids.get(i)).expectBody().returnResult())
                .stream()
                .map(r -> r.getStatus().value())
                .toList();
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(3);
        assertThat(statuses.stream().filter(s -> s == 422)).hasSize(3);
        assertThat(balance(volunteer)).isEqualTo(90);
    }

    @Test
    void theRecordingWorkerCannotApproveTheirOwnRecord() {
        String id = recordId(worker, volunteerId, 60, today());
        approve(worker, id)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unprocessable")
                .jsonPath("$.errors[0].field")
                .isEqualTo("recordedBy")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("two-reviewers");
        assertThat(balance(volunteer)).isZero();
    }

    @Test
    void rejectingNeedsAReasonAndARejectedRecordCannotBeApproved() {
        String id = recordId(worker, volunteerId, 60, today());
        secondWorker
                .post()
                .uri("/api/v1/timebank/service-records/{id}/rejection", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        secondWorker
                .post()
                .uri("/api/v1/timebank/service-records/{id}/rejection", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "活动签到表上没有该志愿者"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED")
                .jsonPath("$.reason")
                .isEqualTo("活动签到表上没有该志愿者");
        WebTestClient third = fixtures.worker(community);
        approve(third, id)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "illegal-state");
        assertThat(balance(volunteer)).isZero();
    }

    @Test
    void approvalsOverTheEarningCapsAreRefusedAndTheRecordStaysPending() {
        setRules(100, 90, 600, 1200, 60);
        earn(80);
        String overDay = recordId(worker, volunteerId, 30, today());
        approve(secondWorker, overDay)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("minutes")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("daily-earning-cap");
        secondWorker
                .get()
                .uri("/api/v1/timebank/service-records?status=PENDING")
                .exchange()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + overDay + "')]")
                .value(l -> assertThat(list(l)).hasSize(1));
        // within the day's cap, but not within the life's
        String overLife = recordId(worker, volunteerId, 20, today());
        approve(secondWorker, overLife)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("lifetime-earning-cap");
        approve(secondWorker, recordId(worker, volunteerId, 10, today()))
                .expectStatus()
                .isOk();
        assertThat(balance(volunteer)).isEqualTo(90);
    }

    @Test
    void recordsAreForVolunteersOfTheWorkersOwnCommunity() {
        Map<String, Object> caregiver = fixtures.provider(as(uid("caregiver")), community);
        record(worker, UUID.fromString(caregiver.get("id").toString()), 60, today())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("volunteerId")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("volunteer");
        UUID elsewhere = fixtures.community();
        WebTestClient stranger = fixtures.worker(elsewhere);
        record(stranger, volunteerId, 60, today()).expectStatus().isNotFound();
        String id = recordId(worker, volunteerId, 60, today());
        approve(stranger, id).expectStatus().isNotFound();
        stranger.get()
                .uri("/api/v1/communities/{c}/timebank/summary?month=2026-11", community)
                .exchange()
                .expectStatus()
                .isNotFound();
        record(volunteer, volunteerId, 60, today())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "forbidden");
    }

    @Test
    void badRecordsAreProblemsNamingTheField() {
        record(worker, volunteerId, 60, today().plusDays(1))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("servedOn")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-in-future");
        record(worker, volunteerId, 0, today())
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("minutes");
    }

    @Test
    void rulesAreVersionedAndOnlyTheOperatorChangesThem() {
        worker.get()
                .uri("/api/v1/communities/{c}/timebank/rules", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.current.version")
                .isEqualTo(0)
                .jsonPath("$.versions.length()")
                .isEqualTo(0);
        Map<String, Object> rules = Map.of(
                "effectiveFrom", today().toString(),
                "dailyEarningCapMinutes", 240,
                "lifetimeEarningCapMinutes", 60000,
                "giftMaxMinutes", 300,
                "giftMaxMinutesPerMonth", 600,
                "minRedeemAge", 65);
        worker.put()
                .uri("/api/v1/communities/{c}/timebank/rules", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rules)
                .exchange()
                .expectStatus()
                .isForbidden();
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/timebank/rules", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rules)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.current.version")
                .isEqualTo(1)
                .jsonPath("$.current.minRedeemAge")
                .isEqualTo(65);
        Map<String, Object> later = new java.util.HashMap<>(rules);
        later.put("effectiveFrom", today().plusDays(8).toString());
        later.put("minRedeemAge", 70);
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/timebank/rules", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(later)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.current.version")
                .isEqualTo(1)
                .jsonPath("$.versions[0].version")
                .isEqualTo(2)
                .jsonPath("$.versions.length()")
                .isEqualTo(2);
        Map<String, Object> past = new java.util.HashMap<>(rules);
        past.put("effectiveFrom", today().minusDays(1).toString());
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/timebank/rules", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(past)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("effectiveFrom")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-in-past");
    }

    @Test
    void minutesPayOnlyForEldersOfTheRedeemAgeAndGoBackToThePool() {
        earn(60);
        Caller family = new Caller("volunteer", volunteerAccount, "李明", Set.of(Role.FAMILY), Set.of());
        setRules(480, 60_000, 600, 1200, 90);
        assertThatThrownBy(() -> timeBank.redeem(family, elder, false, 30, UUID.randomUUID())
                        .block())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.UNPROCESSABLE);
                    assertThat(e.violations().get(0).field()).isEqualTo("minutes");
                    assertThat(e.violations().get(0).rule()).isEqualTo("min-redeem-age");
                });
        setRules(480, 60_000, 600, 1200, 60);
        UUID order = UUID.randomUUID();
        timeBank.redeem(family, elder, false, 30, order).block();
        Posting.Result again = timeBank.redeem(family, elder, false, 30, order).block();
        assertThat(again.replay()).isTrue();
        assertThat(balance(volunteer)).isEqualTo(30);
        worker.get()
                .uri("/api/v1/communities/{c}/timebank/summary?month=2026-11", community)
                .exchange()
                .expectBody()
                .jsonPath("$.issued")
                .isEqualTo(60)
                .jsonPath("$.redeemed")
                .isEqualTo(30)
                .jsonPath("$.outstanding")
                .isEqualTo(30);
    }
}
