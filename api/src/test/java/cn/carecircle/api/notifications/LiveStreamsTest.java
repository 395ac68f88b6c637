package cn.carecircle.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * The live streams over HTTP: the account's notices, an order's timeline (replayed, then followed), a community's
 * order changes; and who may not open them.
 */
class LiveStreamsTest extends NotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS =
            new ParameterizedTypeReference<>() {};

    /** The events of a stream, without its heartbeat comments. */
    private static Flux<ServerSentEvent<String>> open(WebTestClient client, String uri, Object... variables) {
        return client.get()
                .uri(uri, variables)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(EVENTS)
                .getResponseBody()
                .filter(event -> !"heartbeat".equals(event.comment()));
    }

    private static boolean connected(ServerSentEvent<String> event) {
        return "connected".equals(event.comment()) && event.data() == null;
    }

    private JsonNode data(ServerSentEvent<String> event) {
        return json.readTree(event.data());
    }

    private void cancel(District district, UUID order) {
        district.family()
                .post()
                .uri("/api/v1/orders/{id}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人临时住院"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** The order's timeline as its plain endpoint answers it: the statuses it went through, oldest first. */
    private List<String> statuses(District district, UUID order) {
        List<?> events = district.family()
                .get()
                .uri("/api/v1/orders/{id}/timeline", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        return events.stream().map(e -> ((Map<?, ?>) e).get("to").toString()).toList();
    }

    @Test
    void theAccountsStreamCarriesItsNoticesAsTheyAreSent() {
        WebTestClient family = fixtures.family();
        UUID account = accountOf(family);
        UUID order = UUID.randomUUID();
        UUID[] message = new UUID[1];

        StepVerifier.create(open(family, "/api/v1/me/events"))
                .expectNextMatches(LiveStreamsTest::connected)
                .then(() -> {
                    message[0] = push(
                            account,
                            null,
                            new Outbox.Notice(
                                    "assigned", "服务人员已接单", "赵丽将于 10 分钟内上门", Map.of("orderId", order.toString())));
                    drain();
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("assigned");
                    assertThat(event.id()).isEqualTo(message[0].toString());
                    JsonNode notice = data(event);
                    assertThat(notice.path("id").asString()).isEqualTo(message[0].toString());
                    assertThat(notice.path("kind").asString()).isEqualTo("assigned");
                    assertThat(notice.path("title").asString()).isEqualTo("服务人员已接单");
                    assertThat(notice.path("body").asString()).isEqualTo("赵丽将于 10 分钟内上门");
                    assertThat(notice.path("data").path("orderId").asString()).isEqualTo(order.toString());
                    assertThat(notice.path("at").asString()).isEqualTo("2026-11-23T02:00:00Z");
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void anotherAccountsNoticesStayOffTheStream() {
        WebTestClient family = fixtures.family();
        UUID other = accountOf(fixtures.family());
        UUID mine = accountOf(family);

        StepVerifier.create(open(family, "/api/v1/me/events"))
                .expectNextMatches(LiveStreamsTest::connected)
                .then(() -> {
                    push(other, null, new Outbox.Notice("offer", "别人的邀请", "不该出现", Map.of()));
                    push(mine, null, new Outbox.Notice("offer", "我的邀请", "应该出现", Map.of()));
                    drain();
                })
                .assertNext(event ->
                        assertThat(data(event).path("title").asString()).isEqualTo("我的邀请"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void anOrdersStreamReplaysItsTimelineThenFollowsIt() {
        District district = district();
        UUID order = placeMeal(district);
        // placed, matching, and (nobody serves meals here) escalated to the dispatch board
        List<String> sofar = statuses(district, order);
        assertThat(sofar).startsWith("REQUESTED", "MATCHING");
        List<Long> seqs = new ArrayList<>();

        StepVerifier.Step<ServerSentEvent<String>> replay = StepVerifier.create(
                        open(district.family(), "/api/v1/orders/{id}/events", order))
                .expectNextMatches(LiveStreamsTest::connected);
        for (String status : sofar) {
            replay = replay.assertNext(event -> {
                assertThat(event.event()).isEqualTo("order-event");
                assertThat(data(event).path("to").asString()).isEqualTo(status);
                long seq = Long.parseLong(event.id());
                assertThat(seqs).allMatch(earlier -> earlier < seq);
                seqs.add(seq);
            });
        }
        replay.then(() -> {
                    cancel(district, order);
                    drain();
                })
                .assertNext(event -> {
                    assertThat(data(event).path("from").asString()).isEqualTo(sofar.get(sofar.size() - 1));
                    assertThat(data(event).path("to").asString()).isEqualTo("CANCELLED");
                    assertThat(data(event).path("actorRole").asString()).isEqualTo("FAMILY");
                    assertThat(data(event).path("reason").asString()).isEqualTo("老人临时住院");
                })
                .thenCancel()
                .verify(WAIT);
        assertThat(seqs).hasSize(sofar.size());

        // a reconnecting client resumes after the last event it has; the worker covering the community may follow
        List<String> after = new ArrayList<>(sofar.subList(1, sofar.size()));
        after.add("CANCELLED");
        StepVerifier.create(district.worker()
                        .get()
                        .uri("/api/v1/orders/{id}/events", order)
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .header("Last-Event-ID", Long.toString(seqs.get(0)))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(EVENTS)
                        .getResponseBody()
                        .filter(event -> event.data() != null)
                        .map(event -> data(event).path("to").asString())
                        .take(after.size()))
                .expectNextSequence(after)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aCommunityStreamTellsTheDispatchBoardWhichOrderChangedAndItsStatus() {
        District district = district();
        District elsewhere = district();
        UUID order = placeMeal(district);
        UUID otherOrder = placeMeal(elsewhere);

        StepVerifier.create(open(district.worker(), "/api/v1/communities/{id}/events", district.community()))
                .expectNextMatches(LiveStreamsTest::connected)
                .then(() -> {
                    cancel(elsewhere, otherOrder);
                    cancel(district, order);
                    drain();
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("order-changed");
                    assertThat(data(event).path("orderId").asString()).isEqualTo(order.toString());
                    assertThat(data(event).path("status").asString()).isEqualTo("CANCELLED");
                    assertThat(data(event).path("at").asString()).isEqualTo("2026-11-23T02:00:00Z");
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void strangersCannotOpenAStream() {
        District district = district();
        District elsewhere = district();
        UUID order = placeMeal(district);

        // another family, and a worker of another community: the order is not theirs to see
        for (WebTestClient stranger : new WebTestClient[] {fixtures.family(), elsewhere.worker()}) {
            stranger.get()
                    .uri("/api/v1/orders/{id}/events", order)
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        elsewhere
                .worker()
                .get()
                .uri("/api/v1/communities/{id}/events", district.community())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound();
        district.family()
                .get()
                .uri("/api/v1/communities/{id}/events", district.community())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://carecircle.cn/problems/forbidden");
        as(uid("nobody"))
                .get()
                .uri("/api/v1/me/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://carecircle.cn/problems/account-not-registered");
        http.get()
                .uri("/api/v1/me/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        district.family()
                .get()
                .uri("/api/v1/orders/{id}/events", order)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "-1")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
