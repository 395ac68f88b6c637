package cn.carecircle.api.notifications;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The relay's pushes: the FCM v1 request for each device, retries with backoff that reach only the devices still
 * missing the message, tokens FCM rejects removed, accounts without devices, giving up, and racing relays.
 */
class PushRelayTest extends NotificationTest {

    @Autowired
    OutboxRelay relay;

    @Autowired
    OutboxProperties properties;

    private static Outbox.Notice offer(UUID offerId) {
        return new Outbox.Notice("offer", "新的服务邀请", "助餐 · 30 分钟 · 约 6 分钟路程", Map.of("offerId", offerId.toString()));
    }

    @Test
    void aPushIsTheFcmV1RequestToEachDeviceOfTheAccount() {
        WebTestClient provider = fixtures.family();
        UUID account = accountOf(provider);
        String phone = newToken();
        String tablet = newToken();
        registerDevice(provider, phone, "ANDROID");
        registerDevice(provider, tablet, "IOS");
        UUID offerId = UUID.randomUUID();

        UUID message = push(account, null, offer(offerId));
        drain();

        for (String token : List.of(phone, tablet)) {
            List<LoggedRequest> requests = fcmRequestsTo(token);
            assertThat(requests).hasSize(1);
            LoggedRequest request = requests.get(0);
            assertThat(request.getUrl()).isEqualTo("/v1/projects/demo-carecircle/messages:send");
            // the Admin SDK in Auth-emulator mode (as here) signs every request with the emulator's token, FCM's too
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer owner");
            JsonNode fcm = bodyOf(request).path("message");
            assertThat(fcm.path("token").asString()).isEqualTo(token);
            assertThat(fcm.path("notification").path("title").asString()).isEqualTo("新的服务邀请");
            assertThat(fcm.path("notification").path("body").asString()).isEqualTo("助餐 · 30 分钟 · 约 6 分钟路程");
            assertThat(fcm.path("data").path("kind").asString()).isEqualTo("offer");
            assertThat(fcm.path("data").path("offerId").asString()).isEqualTo(offerId.toString());
            assertThat(fcm.path("data").path("messageId").asString()).isEqualTo(message.toString());
            assertThat(fcm.path("android").path("priority").asString()).isEqualTo("high");
        }
        Map<String, Object> row = row(message);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat(row.get("attempts")).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedAfterABackoffAndOnlyTheMissingDeviceGetsItAgain() {
        WebTestClient provider = fixtures.family();
        UUID account = accountOf(provider);
        String fine = newToken();
        String flaky = newToken();
        registerDevice(provider, fine, "ANDROID");
        registerDevice(provider, flaky, "ANDROID");
        stubFcm(fcmSendTo(flaky)
                .inScenario(flaky)
                .whenScenarioStateIs(STARTED)
                .willReturn(fcmError(500, "INTERNAL", "INTERNAL"))
                .willSetStateTo("recovered"));
        stubFcm(fcmSendTo(flaky)
                .inScenario(flaky)
                .whenScenarioStateIs("recovered")
                .willReturn(fcmAccepted()));

        UUID message = push(account, null, offer(UUID.randomUUID()));
        drain();

        Map<String, Object> failed = row(message);
        assertThat(failed.get("sent_at")).isNull();
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(failed.get("delivered")).isEqualTo(1);
        assertThat(failed.get("last_error").toString()).contains("INTERNAL").contains("1 of 2 devices");
        Instant next = ((java.time.OffsetDateTime) failed.get("next_attempt_at")).toInstant();
        Duration wait = Duration.between(START, next);
        assertThat(wait)
                .isBetween(
                        properties.firstRetryAfter(),
                        properties.firstRetryAfter().multipliedBy(12).dividedBy(10));

        // not due yet: nothing more is sent
        clock.set(next.minusMillis(1));
        drain();
        assertThat(fcmRequestsTo(flaky)).hasSize(1);

        clock.set(next);
        drain();
        assertThat(fcmRequestsTo(flaky)).hasSize(2);
        assertThat(fcmRequestsTo(fine)).hasSize(1);
        Map<String, Object> sent = row(message);
        assertThat(sent.get("sent_at")).isNotNull();
        assertThat(sent.get("attempts")).isEqualTo(2);

        clock.advance(Duration.ofHours(1));
        drain();
        assertThat(fcmRequestsTo(flaky)).hasSize(2);
        assertThat(fcmRequestsTo(fine)).hasSize(1);
    }

    @Test
    void aTokenFcmReportsUnregisteredOrInvalidIsRemovedAndTheMessageIsDone() {
        WebTestClient provider = fixtures.family();
        UUID account = accountOf(provider);
        String gone = newToken();
        String invalid = newToken();
        String kept = newToken();
        registerDevice(provider, gone, "ANDROID");
        registerDevice(provider, invalid, "WEB");
        registerDevice(provider, kept, "IOS");
        stubFcm(fcmSendTo(gone).willReturn(fcmError(404, "NOT_FOUND", "UNREGISTERED")));
        stubFcm(fcmSendTo(invalid).willReturn(fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT")));

        UUID message = push(account, null, offer(UUID.randomUUID()));
        drain();

        assertThat(row(message).get("sent_at")).isNotNull();
        assertThat(devicesOf(account)).isEqualTo(1);
        assertThat(db.sql("select token from device_token where account_id = :a")
                        .bind("a", account)
                        .mapValue(String.class)
                        .one()
                        .block())
                .isEqualTo(kept);
    }

    @Test
    void aPushToAnAccountWithoutDevicesIsDoneOnceTheLiveStreamHasIt() {
        UUID account = accountOf(fixtures.family());
        UUID message = push(account, null, offer(UUID.randomUUID()));
        drain();
        Map<String, Object> row = row(message);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("last_error")).isNull();
        assertThat(fcmRequestsWithMessage(message)).isEmpty();
    }

    @Test
    void aDeviceThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        WebTestClient provider = fixtures.family();
        UUID account = accountOf(provider);
        String broken = newToken();
        registerDevice(provider, broken, "ANDROID");
        stubFcm(fcmSendTo(broken).willReturn(fcmError(500, "INTERNAL", "INTERNAL")));

        UUID message = push(account, null, offer(UUID.randomUUID()));
        drain();
        for (int attempt = 2; attempt <= properties.maxAttempts(); attempt++) {
            Map<String, Object> row = row(message);
            assertThat(row.get("failed_at")).isNull();
            clock.set(((java.time.OffsetDateTime) row.get("next_attempt_at")).toInstant());
            drain();
        }
        Map<String, Object> row = row(message);
        assertThat(row.get("attempts")).isEqualTo(properties.maxAttempts());
        assertThat(row.get("failed_at")).isNotNull();
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat(row.get("sent_at")).isNull();
        assertThat(fcmRequestsTo(broken)).hasSize(properties.maxAttempts());
        // the backoff doubled up to its cap: the last wait was the longest
        assertThat(properties.backoff(properties.maxAttempts() - 1, 0)).isEqualTo(properties.maxRetryAfter());
        assertThat(devicesOf(account)).isEqualTo(1);
    }

    @Test
    void twoRelaysRacingOverTheSameRowsSendEachRowExactlyOnce() throws Exception {
        // more rows than one batch, so that the two relays claim batches side by side
        int accounts = 16;
        int perAccount = 8;
        List<String> tokens = new ArrayList<>();
        List<UUID> messages = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            WebTestClient provider = fixtures.family();
            UUID account = accountOf(provider);
            String token = newToken();
            registerDevice(provider, token, "ANDROID");
            tokens.add(token);
            for (int m = 0; m < perAccount; m++) {
                messages.add(push(account, null, offer(UUID.randomUUID())));
            }
        }

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    int handled = 0;
                    int batch;
                    do {
                        batch = relay.runDue(clock.instant()).block();
                        handled += batch;
                    } while (batch > 0);
                    return handled;
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        for (String token : tokens) {
            List<LoggedRequest> requests = fcmRequestsTo(token);
            assertThat(requests).hasSize(perAccount);
            assertThat(requests.stream()
                            .map(r -> bodyOf(r)
                                    .path("message")
                                    .path("data")
                                    .path("messageId")
                                    .asString())
                            .distinct())
                    .hasSize(perAccount);
        }
        for (UUID message : messages) {
            Map<String, Object> row = row(message);
            assertThat(row.get("sent_at")).as("message %s", message).isNotNull();
            assertThat(row.get("attempts")).as("message %s", message).isEqualTo(1);
        }
    }
}
