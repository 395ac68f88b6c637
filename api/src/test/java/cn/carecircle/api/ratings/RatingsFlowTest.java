package cn.carecircle.api.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Rating an order over HTTP: who may, when, once, on which scale; what the provider sees. */
class RatingsFlowTest extends RatingScenario {

    @Test
    void theOrderingFamilyMemberRatesACompletedOrderOnceAndTheSecondRatingIsRefused() {
        Provider cleaner = provider("CLEANING");
        UUID order = completedOrder(family, "CLEANING", cleaner);

        Map<?, ?> rating = rate(
                        family,
                        order,
                        Map.of("level", "VERY_SATISFIED", "tags", List.of("ON_TIME", "THOROUGH"), "comment", " 很干净 "))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(rating.get("level")).isEqualTo("VERY_SATISFIED");
        assertThat(rating.get("bad")).isEqualTo(false);
        assertThat(rating.get("tags")).isEqualTo(List.of("ON_TIME", "THOROUGH"));
        assertThat(rating.get("comment")).isEqualTo("很干净");
        assertThat(rating.get("raterRole")).isEqualTo("FAMILY");
        assertThat(rating.get("providerIds")).isEqualTo(List.of(cleaner.id().toString()));
        assertThat(rating.get("followUpId")).isNull();

        rate(family, order, Map.of("level", "SATISFIED"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "rating-already-given");
        // the worker cannot rate it a second time either
        rate(staff, order, Map.of("level", "DISSATISFIED"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "rating-already-given");
        family.get()
                .uri("/api/v1/orders/{id}/rating", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.level")
                .isEqualTo("VERY_SATISFIED");
    }

    @Test
    void twoRatingsAtOnceLeaveOneAndTheLoserIsToldTheOrderIsRated() throws Exception {
        UUID order = completedOrder(family, "CLEANING", provider("CLEANING"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> byFamily = () -> rate(family, order, Map.of("level", "SATISFIED"))
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            Callable<Integer> byWorker = () -> rate(staff, order, Map.of("level", "BASICALLY_SATISFIED"))
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            List<Future<Integer>> results = pool.invokeAll(List.of(byFamily, byWorker));
            List<Integer> statuses = results.stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .sorted()
                    .toList();
            assertThat(statuses).containsExactly(201, 409);
        } finally {
            pool.shutdownNow();
        }
        long ratings = db.sql("select count(*) as n from rating where order_id = :o")
                .bind("o", order)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(ratings).isEqualTo(1);
    }

    @Test
    void anOrderIsRatedWithinSevenDaysAfterCompletionAndNotLater() {
        Provider cleaner = provider("CLEANING");
        UUID onTime = completedOrder(family, "CLEANING", cleaner);
        UUID late = completedOrder(family, "CLEANING", cleaner);

        clock.advance(Duration.ofDays(7));
        rated(family, onTime, "SATISFIED");

        clock.advance(Duration.ofSeconds(1));
        rate(family, late, Map.of("level", "SATISFIED"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "rating-window-closed")
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains("7 days").contains("2026-11-23"));
    }

    @Test
    void anOrderThatIsNotCompletedIsNotRated() {
        // nobody is online in the scene's region: the order is looking for a provider, or escalated already
        UUID matching = place(family, "CLEANING");
        String status = scene.status(matching.toString());
        assertThat(status).isIn("MATCHING", "ESCALATED");
        rate(family, matching, Map.of("level", "SATISFIED"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "order-not-rateable")
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains(status));
    }

    @Test
    void onlyTheOrderingFamilyMemberOrACoveringWorkerRates() {
        Provider cleaner = provider("CLEANING");
        // a phone-in order: placed by the worker, so the bound family member did not order it
        UUID phoneIn = completedOrder(staff, "CLEANING", cleaner);
        rate(family, phoneIn, Map.of("level", "SATISFIED"))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "not-the-orderer");

        UUID order = completedOrder(family, "CLEANING", cleaner);
        // a family member not bound to the elder does not see the order at all
        rate(fixtures.family(), order, Map.of("level", "SATISFIED"))
                .expectStatus()
                .isNotFound();
        // a worker of another community neither
        rate(fixtures.worker(fixtures.community()), order, Map.of("level", "SATISFIED"))
                .expectStatus()
                .isNotFound();
        // the provider does not rate their own job
        rate(cleaner.client(), order, Map.of("level", "VERY_SATISFIED"))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "forbidden");

        // the worker rates the phone-in order on the elder's behalf
        Map<?, ?> byWorker = rated(staff, phoneIn, "BASICALLY_SATISFIED");
        assertThat(byWorker.get("raterRole")).isEqualTo("COMMUNITY_WORKER");
    }

    @Test
    void aLevelOutsideTheFiveLevelScaleOrATagOfAnotherServiceIsRefusedNamingTheField() {
        UUID order = completedOrder(family, "CLEANING", provider("CLEANING"));
        rate(family, order, Map.of("level", "GOOD"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("level");
        rate(family, order, Map.of("comment", "没有等级"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("level");
        rate(family, order, Map.of("level", "SATISFIED", "tags", List.of("ON_TIME", "FOOD_COLD")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("tags[1]")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("fits-service");
        rate(family, order, Map.of("level", "SATISFIED", "comment", "长".repeat(501)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("comment");
        // nothing was written by the refused attempts
        rated(family, order, "SATISFIED");
    }

    @Test
    void theProviderSeesTheRatingsOfTheirOwnJobsButNotWhoRated() {
        Provider cleaner = provider("CLEANING");
        Provider other = provider("CLEANING");
        UUID order = completedOrder(family, "CLEANING", cleaner);
        rate(family, order, Map.of("level", "DISSATISFIED", "tags", List.of("LATE"), "comment", "迟到一个小时"))
                .expectStatus()
                .isCreated();

        cleaner.client()
                .get()
                .uri("/api/v1/orders/{id}/rating", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.level")
                .isEqualTo("DISSATISFIED")
                .jsonPath("$.comment")
                .isEqualTo("迟到一个小时")
                .jsonPath("$.raterRole")
                .doesNotExist()
                .jsonPath("$.raterAccountId")
                .doesNotExist();
        cleaner.client()
                .get()
                .uri("/api/v1/providers/me/ratings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].orderId")
                .isEqualTo(order.toString())
                .jsonPath("$.items[0].followUpStatus")
                .isEqualTo("OPEN")
                .jsonPath("$.items[0].raterAccountId")
                .doesNotExist();

        // another provider sees neither
        other.client()
                .get()
                .uri("/api/v1/orders/{id}/rating", order)
                .exchange()
                .expectStatus()
                .isNotFound();
        other.client()
                .get()
                .uri("/api/v1/providers/me/ratings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        // the family member who rated sees who rated
        family.get()
                .uri("/api/v1/orders/{id}/rating", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.raterRole")
                .isEqualTo("FAMILY");
    }

    @Test
    void statisticsCountGoodAndBadRatingsUnratedOrdersCallBacksAndOnTimeClosures() {
        Provider cleaner = provider("CLEANING");
        UUID good = completedOrder(family, "CLEANING", cleaner);
        UUID bad = completedOrder(family, "CLEANING", cleaner);
        completedOrder(family, "CLEANING", cleaner); // stays unrated
        rated(family, good, "SATISFIED");
        Object caseId = rated(family, bad, "VERY_DISSATISFIED").get("followUpId");
        post(staff, "/api/v1/follow-ups/{id}/calls", caseId, Map.of("outcome", "REACHED", "note", "老人说地没拖"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/finding", caseId, Map.of("finding", "NOT_UPHELD"))
                .expectStatus()
                .isOk();
        post(staff, "/api/v1/follow-ups/{id}/closure", caseId, Map.of("handlingLevel", "SATISFIED"))
                .expectStatus()
                .isOk();

        WebTestClient official = official(community).client();
        official.get()
                .uri("/api/v1/rating-statistics?communityId={c}&from=2026-11&to=2026-11", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rows.length()")
                .isEqualTo(1)
                .jsonPath("$.rows[0].service")
                .isEqualTo("CLEANING")
                .jsonPath("$.rows[0].month")
                .isEqualTo("2026-11")
                .jsonPath("$.rows[0].completed")
                .isEqualTo(3)
                .jsonPath("$.rows[0].rated")
                .isEqualTo(2)
                .jsonPath("$.rows[0].unrated")
                .isEqualTo(1)
                .jsonPath("$.rows[0].good")
                .isEqualTo(1)
                .jsonPath("$.rows[0].bad")
                .isEqualTo(1)
                .jsonPath("$.rows[0].goodRate")
                .isEqualTo(0.5)
                .jsonPath("$.rows[0].followUps")
                .isEqualTo(1)
                .jsonPath("$.rows[0].callBackRate")
                .isEqualTo(1.0)
                .jsonPath("$.rows[0].onTimeClosureRate")
                .isEqualTo(1.0);

        staff.get()
                .uri("/api/v1/rating-statistics?from=2026-11&to=2026-10")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("to");
        staff.get()
                .uri("/api/v1/rating-statistics?from=2026-13&to=2026-12")
                .exchange()
                .expectStatus()
                .isBadRequest();
        family.get()
                .uri("/api/v1/rating-statistics?from=2026-11&to=2026-11")
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
