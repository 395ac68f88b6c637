package cn.carecircle.api.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Appeals, reputation and suspension over HTTP, and what they change in matching: the dispatch board ranks by the
 * smoothed good-rating rate and refuses a suspended provider.
 */
class ReputationAndSuspensionTest extends RatingScenario {

    private Map<?, ?> reputation(Provider p) {
        return staff.get()
                .uri("/api/v1/providers/{id}/reputation", p.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static Map<?, ?> service(Map<?, ?> reputation, String service) {
        return ((List<?>) reputation.get("services"))
                .stream()
                        .map(s -> (Map<?, ?>) s)
                        .filter(s -> s.get("service").equals(service))
                        .findFirst()
                        .orElseThrow();
    }

    /** A completed cleaning of this provider, rated bad by the family, with the worker's finding. */
    private Map<?, ?> badRatingWithFinding(Provider p, String finding) {
        Map<?, ?> rating = rated(family, completedOrder(family, "CLEANING", p), "VERY_DISSATISFIED");
        post(staff, "/api/v1/follow-ups/{id}/finding", rating.get("followUpId"), Map.of("finding", finding))
                .expectStatus()
                .isOk();
        return rating;
    }

    private boolean suspended(Provider p) {
        return Boolean.TRUE.equals(staff.get()
                .uri("/api/v1/providers/{id}", p.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("suspended"));
    }

    private List<String> auditActions(Object subject) {
        return fixtures
                .operator()
                .get()
                .uri("/api/v1/audit-events?subjectId={s}", subject)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(Map.class)
                .returnResult()
                .getResponseBody()
                .stream()
                .map(e -> e.get("action").toString())
                .toList();
    }

    @Test
    void anAcceptedAppealTakesTheRatingOutOfReputationButKeepsItOnRecord() {
        Provider cleaner = provider("CLEANING");
        Map<?, ?> good = rated(family, completedOrder(family, "CLEANING", cleaner), "SATISFIED");
        Map<?, ?> bad = rated(family, completedOrder(family, "CLEANING", cleaner), "VERY_DISSATISFIED");

        Map<?, ?> before = service(reputation(cleaner), "CLEANING");
        assertThat(before.get("good")).isEqualTo(1);
        assertThat(before.get("bad")).isEqualTo(1);
        assertThat(((Number) before.get("smoothedRate")).doubleValue()).isCloseTo(10.0 / 12.0, within(1e-9));

        post(
                        cleaner.client(),
                        "/api/v1/ratings/{id}/appeal",
                        good.get("id"),
                        Map.of("ground", "MISTAKEN", "statement", "好评也要申诉"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "rating-not-appealable");
        post(
                        provider("CLEANING").client(),
                        "/api/v1/ratings/{id}/appeal",
                        bad.get("id"),
                        Map.of("ground", "MALICIOUS", "statement", "不是我的单"))
                .expectStatus()
                .isNotFound();
        post(
                        cleaner.client(),
                        "/api/v1/ratings/{id}/appeal",
                        bad.get("id"),
                        Map.of("ground", "SPITE", "statement", "理由"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("ground");
        post(
                        cleaner.client(),
                        "/api/v1/ratings/{id}/appeal",
                        bad.get("id"),
                        Map.of("ground", "MISTAKEN", "statement", "当天由另一位服务人员上门"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING");
        post(
                        cleaner.client(),
                        "/api/v1/ratings/{id}/appeal",
                        bad.get("id"),
                        Map.of("ground", "MALICIOUS", "statement", "再申诉一次"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "duplicate");

        // the case drawer shows the appeal; the worker of another community cannot decide it
        assertThat(((Map<?, ?>) followUp(staff, bad.get("followUpId")).get("appeal")).get("ground"))
                .isEqualTo("MISTAKEN");
        post(
                        fixtures.worker(fixtures.community()),
                        "/api/v1/ratings/{id}/appeal/decision",
                        bad.get("id"),
                        Map.of("accepted", true, "reason", "核实"))
                .expectStatus()
                .isNotFound();
        post(family, "/api/v1/ratings/{id}/appeal/decision", bad.get("id"), Map.of("accepted", true, "reason", "核实"))
                .expectStatus()
                .isForbidden();
        post(staff, "/api/v1/ratings/{id}/appeal/decision", bad.get("id"), Map.of("accepted", true))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        post(
                        staff,
                        "/api/v1/ratings/{id}/appeal/decision",
                        bad.get("id"),
                        Map.of("accepted", true, "reason", "派单记录显示当天是另一位服务人员"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED")
                .jsonPath("$.decisionReason")
                .isEqualTo("派单记录显示当天是另一位服务人员");
        post(staff, "/api/v1/ratings/{id}/appeal/decision", bad.get("id"), Map.of("accepted", false, "reason", "改判"))
                .expectStatus()
                .isEqualTo(409);

        Map<?, ?> after = service(reputation(cleaner), "CLEANING");
        assertThat(after.get("good")).isEqualTo(1);
        assertThat(after.get("bad")).isEqualTo(0);
        assertThat(after.get("excluded")).isEqualTo(1);
        assertThat(((Number) after.get("smoothedRate")).doubleValue()).isCloseTo(10.0 / 11.0, within(1e-9));
        // on record: the family still sees their rating as given
        Map<?, ?> kept = family.get()
                .uri("/api/v1/orders/{id}/rating", bad.get("orderId"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(kept.get("level")).isEqualTo("VERY_DISSATISFIED");
        assertThat(kept.get("excludedFromReputation")).isEqualTo(true);
        assertThat(auditActions(bad.get("id"))).containsExactly("RATING_APPEAL_ACCEPTED");
        assertThat(pushes(accountOfProvider(cleaner), "rating-appeal-decided")).isEqualTo(1);
        // the provider reads their own reputation
        cleaner.client()
                .get()
                .uri("/api/v1/providers/{id}/reputation", cleaner.id())
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void threeUpheldBadRatingsWithinThirtyDaysSuspendTheProviderPendingReview() {
        Provider cleaner = provider("CLEANING");
        // 31 days ago: upheld, but outside the period by now
        clock.set(START.minus(Duration.ofDays(31)));
        badRatingWithFinding(cleaner, "UPHELD");
        clock.set(START);
        badRatingWithFinding(cleaner, "UPHELD");
        badRatingWithFinding(cleaner, "NOT_UPHELD");
        // an appeal accepted before the finding: the rating no longer counts
        Map<?, ?> appealed = rated(family, completedOrder(family, "CLEANING", cleaner), "DISSATISFIED");
        post(
                        cleaner.client(),
                        "/api/v1/ratings/{id}/appeal",
                        appealed.get("id"),
                        Map.of("ground", "MALICIOUS", "statement", "家属与我有私人纠纷"))
                .expectStatus()
                .isCreated();
        post(
                        staff,
                        "/api/v1/ratings/{id}/appeal/decision",
                        appealed.get("id"),
                        Map.of("accepted", true, "reason", "核实为恶意差评"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/finding", appealed.get("followUpId"), Map.of("finding", "UPHELD"))
                .expectStatus()
                .isOk();
        badRatingWithFinding(cleaner, "PARTLY_UPHELD");
        assertThat(suspended(cleaner)).isFalse();
        assertThat(pushes(accountOfProvider(cleaner), "provider-suspended")).isZero();

        // the third counted one: upheld, partly upheld, upheld within 30 days
        badRatingWithFinding(cleaner, "UPHELD");
        assertThat(suspended(cleaner)).isTrue();
        assertThat(auditActions(cleaner.id())).contains("PROVIDER_SUSPENDED");
        assertThat(pushes(accountOfProvider(cleaner), "provider-suspended")).isEqualTo(1);
        Map<?, ?> reputation = reputation(cleaner);
        assertThat(reputation.get("suspended")).isEqualTo(true);

        // a worker reinstates with a reason: audited and told; the same ratings never suspend again
        staff.post()
                .uri("/api/v1/providers/{id}/reinstatement", cleaner.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "已参加培训，复核通过"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(auditActions(cleaner.id())).contains("PROVIDER_SUSPENDED", "PROVIDER_REINSTATED");
        assertThat(pushes(accountOfProvider(cleaner), "provider-reinstated")).isEqualTo(1);
        badRatingWithFinding(cleaner, "UPHELD");
        assertThat(suspended(cleaner)).isFalse();
    }

    @Test
    void reputationChangesTheDispatchBoardsRankingAndSuspensionMakesTheProviderIneligible() {
        Provider wellRated = provider("CLEANING");
        Provider badlyRated = provider("CLEANING");
        for (int i = 0; i < 2; i++) {
            rated(family, completedOrder(family, "CLEANING", wellRated), "VERY_SATISFIED");
            badRatingWithFinding(badlyRated, "UPHELD");
        }
        UUID order = place(family, "CLEANING");
        Map<?, ?> board = board(order);
        List<?> eligible = (List<?>) board.get("eligible");
        List<String> ranked = eligible.stream()
                .map(c -> ((Map<?, ?>) c).get("providerId").toString())
                .filter(id -> id.equals(wellRated.id().toString())
                        || id.equals(badlyRated.id().toString()))
                .toList();
        assertThat(ranked)
                .containsExactly(wellRated.id().toString(), badlyRated.id().toString());
        // the board shows component values to two decimals: 11/12 and 9/12
        assertThat(component(eligible, wellRated, "RATING")).isCloseTo(11.0 / 12.0, within(0.005));
        assertThat(component(eligible, badlyRated, "RATING")).isCloseTo(9.0 / 12.0, within(0.005));
        // both served this elder before: two good visits of three for continuity, and none after a bad one
        assertThat(component(eligible, wellRated, "CONTINUITY")).isCloseTo(2.0 / 3.0, within(0.005));
        assertThat(component(eligible, badlyRated, "CONTINUITY")).isZero();

        // the third upheld bad rating within 30 days suspends: the board names the rule
        badRatingWithFinding(badlyRated, "UPHELD");
        board = board(order);
        assertThat(((List<?>) board.get("eligible"))
                        .stream().map(c -> ((Map<?, ?>) c).get("providerId").toString()))
                .contains(wellRated.id().toString())
                .doesNotContain(badlyRated.id().toString());
        Map<?, ?> refused = ((List<?>) board.get("ineligible"))
                .stream()
                        .map(c -> (Map<?, ?>) c)
                        .filter(c -> c.get("providerId").equals(badlyRated.id().toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(((List<?>) refused.get("reasons"))
                        .stream().map(r -> ((Map<?, ?>) r).get("rule").toString()))
                .contains("NOT_SUSPENDED");
    }

    private Map<?, ?> board(UUID order) {
        return staff.get()
                .uri("/api/v1/orders/{id}/candidates", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static double component(List<?> eligible, Provider p, String name) {
        Map<?, ?> candidate = eligible.stream()
                .map(c -> (Map<?, ?>) c)
                .filter(c -> c.get("providerId").equals(p.id().toString()))
                .findFirst()
                .orElseThrow();
        return ((List<?>) candidate.get("components"))
                .stream()
                        .map(c -> (Map<?, ?>) c)
                        .filter(c -> c.get("component").equals(name))
                        .map(c -> ((Number) c.get("value")).doubleValue())
                        .findFirst()
                        .orElseThrow();
    }
}
