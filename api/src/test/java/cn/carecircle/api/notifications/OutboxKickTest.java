package cn.carecircle.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * An api instance as production runs it: the relay is kicked when a transaction that wrote to the outbox commits,
 * and live streams send heartbeats (every second here). A context of its own, since the shared one turns kicks off
 * to let tests drive the relay.
 */
@TestPropertySource(properties = {"carecircle.outbox.kick-after-commit=true", "carecircle.live.heartbeat=PT1S"})
class OutboxKickTest extends NotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Outbox.Notice offer() {
        return new Outbox.Notice(
                "offer",
                "新的服务邀请",
                "助洁 · 90 分钟",
                Map.of("offerId", UUID.randomUUID().toString()));
    }

    @Test
    void aCommittedPushLeavesWithoutWaitingForAPoll() {
        WebTestClient provider = fixtures.family();
        UUID account = accountOf(provider);
        String token = newToken();
        registerDevice(provider, token, "ANDROID");

        UUID message = push(account, null, offer());

        await().atMost(WAIT).until(() -> fcmRequestsTo(token).size() == 1);
        await().atMost(WAIT).until(() -> row(message).get("sent_at") != null);
        assertThat(fcmRequestsWithMessage(message)).hasSize(1);
    }

    @Test
    void aRolledBackTransactionLeavesNothingToSend() {
        UUID account = accountOf(fixtures.family());
        Mono<Void> failing = outbox.push(account, null, offer())
                .then(Mono.<Void>error(new IllegalStateException("the dispatch change failed")));
        StepVerifier.create(failing.as(transactions::transactional))
                .expectError(IllegalStateException.class)
                .verify(WAIT);
        assertThat(db.sql("select count(*) from outbox_message where account_id = :a")
                        .bind("a", account)
                        .mapValue(Long.class)
                        .one()
                        .block())
                .isZero();
    }

    @Test
    void kickedRowsAreNeverSentTwiceAlongsideThePoll() throws Exception {
        int accounts = 6;
        int perAccount = 10;
        List<String> tokens = new ArrayList<>();
        List<UUID> owners = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            WebTestClient provider = fixtures.family();
            String token = newToken();
            registerDevice(provider, token, "ANDROID");
            tokens.add(token);
            owners.add(accountOf(provider));
        }

        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<UUID> messages = new ArrayList<>();
        try {
            // the background poll, as fast as it can go, while each commit kicks the relay too
            Future<?> poll = threads.submit(() -> {
                while (writing.get()) {
                    drain();
                }
                drain();
                return null;
            });
            Future<?> write = threads.submit(() -> {
                for (int m = 0; m < perAccount; m++) {
                    for (UUID owner : owners) {
                        messages.add(push(owner, null, offer()));
                    }
                }
                writing.set(false);
                return null;
            });
            write.get(60, TimeUnit.SECONDS);
            poll.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        await().atMost(WAIT).until(() -> messages.stream().allMatch(m -> row(m).get("sent_at") != null));
        for (String token : tokens) {
            assertThat(fcmRequestsTo(token)).hasSize(perAccount);
        }
        for (UUID message : messages) {
            assertThat(fcmRequestsWithMessage(message))
                    .as("message %s", message)
                    .hasSize(1);
            assertThat(row(message).get("attempts")).isEqualTo(1);
        }
    }

    @Test
    void anOpenStreamSendsHeartbeats() {
        WebTestClient family = fixtures.family();
        StepVerifier.create(family.get()
                        .uri("/api/v1/me/events")
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                        .getResponseBody()
                        .filter(event -> "heartbeat".equals(event.comment()))
                        .take(2))
                .expectNextCount(2)
                .expectComplete()
                .verify(WAIT);
    }
}
