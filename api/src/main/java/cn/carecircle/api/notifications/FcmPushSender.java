package cn.carecircle.api.notifications;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ThreadManager;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * FCM through the Firebase Admin SDK, on a Firebase app of its own. The SDK's asynchronous send runs the HTTP
 * requests (one per device, FCM v1) on a bounded pool given to the app, and its future is bridged to Reactor: no
 * event-loop thread ever waits for FCM.
 *
 * <p>The SDK itself retries a 503 a few times (its default); every other failure comes back here and is the
 * relay's to retry with its own backoff.
 */
final class FcmPushSender implements PushSender, AutoCloseable {

    /** The bearer token sent to a stand-in endpoint; never used with the real FCM. */
    static final String STUB_ACCESS_TOKEN = "carecircle-fcm-stub";

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    private FcmPushSender(FirebaseApp app) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    /**
     * The production FCM with the service account's credentials, or, when {@code messagingEndpoint} is set, the
     * same requests sent to that stand-in with a fixed bearer token. Under the prod profile a stand-in is refused.
     */
    static FcmPushSender create(FcmProperties fcm, PushProperties push, boolean prod) throws IOException {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setProjectId(fcm.projectId())
                .setThreadManager(new BoundedThreadManager(push.threads()))
                .setConnectTimeout((int) push.timeout().toMillis())
                .setReadTimeout((int) push.timeout().toMillis());
        if (fcm.stubEndpoint()) {
            if (prod) {
                throw new IllegalStateException("carecircle.firebase.messaging-endpoint must not be set under the prod"
                        + " profile: pushes go to the real FCM there");
            }
            URI endpoint = URI.create(fcm.messagingEndpoint());
            options.setHttpTransport(new NetHttpTransport.Builder()
                    .setConnectionFactory(url -> (HttpURLConnection)
                            new URL(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(), url.getFile())
                                    .openConnection())
                    .build());
            options.setCredentials(GoogleCredentials.create(new AccessToken(STUB_ACCESS_TOKEN, null)));
        } else if (fcm.credentialsFile() != null && !fcm.credentialsFile().isBlank()) {
            try (InputStream in = new FileInputStream(fcm.credentialsFile())) {
                options.setCredentials(GoogleCredentials.fromStream(in));
            }
        } else {
            options.setCredentials(GoogleCredentials.getApplicationDefault());
        }
        return new FcmPushSender(
                FirebaseApp.initializeApp(options.build(), "carecircle-messaging-" + UUID.randomUUID()));
    }

    @Override
    public Mono<Map<UUID, DeviceResult>> send(List<DeviceToken> devices, PushMessage push) {
        if (devices.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<Message> messages =
                devices.stream().map(device -> message(device.token(), push)).toList();
        return Mono.<BatchResponse>create(sink -> {
                    ApiFuture<BatchResponse> future = messaging.sendEachAsync(messages);
                    sink.onCancel(() -> future.cancel(false));
                    ApiFutures.addCallback(
                            future,
                            new ApiFutureCallback<>() {
                                @Override
                                public void onSuccess(BatchResponse batch) {
                                    sink.success(batch);
                                }

                                @Override
                                public void onFailure(Throwable failure) {
                                    sink.error(failure);
                                }
                            },
                            Runnable::run);
                })
                .map(batch -> results(devices, batch.getResponses()))
                .onErrorResume(failure -> Mono.just(allRetry(devices, describe(failure))));
    }

    private static Message message(String token, PushMessage push) {
        return Message.builder()
                .setToken(token)
                .setNotification(Notification.builder()
                        .setTitle(push.title())
                        .setBody(push.body())
                        .build())
                .putAllData(push.data())
                // offers expire within minutes: wake the device rather than wait for its next maintenance window
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .build())
                .build();
    }

    private static Map<UUID, DeviceResult> results(List<DeviceToken> devices, List<SendResponse> responses) {
        Map<UUID, DeviceResult> results = new HashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            SendResponse response = i < responses.size() ? responses.get(i) : null;
            results.put(devices.get(i).id(), result(response));
        }
        return results;
    }

    private static DeviceResult result(SendResponse response) {
        if (response == null) {
            return new DeviceResult(Delivery.RETRY, "no answer");
        }
        if (response.isSuccessful()) {
            return DeviceResult.DELIVERED;
        }
        FirebaseMessagingException failure = response.getException();
        MessagingErrorCode code = failure == null ? null : failure.getMessagingErrorCode();
        if (code == MessagingErrorCode.UNREGISTERED
                || code == MessagingErrorCode.INVALID_ARGUMENT
                || code == MessagingErrorCode.SENDER_ID_MISMATCH) {
            return new DeviceResult(Delivery.PRUNE, code.name());
        }
        return new DeviceResult(Delivery.RETRY, describe(failure));
    }

    private static Map<UUID, DeviceResult> allRetry(List<DeviceToken> devices, String error) {
        Map<UUID, DeviceResult> results = new HashMap<>();
        devices.forEach(device -> results.put(device.id(), new DeviceResult(Delivery.RETRY, error)));
        return results;
    }

    /** An error code without the SDK's message, which may quote the request (and so the token). */
    private static String describe(Throwable failure) {
        if (failure instanceof FirebaseMessagingException fme) {
            MessagingErrorCode code = fme.getMessagingErrorCode();
            String status = fme.getHttpResponse() == null
                    ? ""
                    : " HTTP " + fme.getHttpResponse().getStatusCode();
            return (code != null ? code.name() : fme.getErrorCode().name()) + status;
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }

    @Override
    public void close() {
        app.delete();
    }

    /** The SDK's send pool: a fixed number of daemon threads instead of its default unbounded one. */
    private static final class BoundedThreadManager extends ThreadManager {

        private final int threads;
        private final AtomicInteger count = new AtomicInteger();

        BoundedThreadManager(int threads) {
            this.threads = threads;
        }

        @Override
        protected ExecutorService getExecutor(FirebaseApp app) {
            return Executors.newFixedThreadPool(threads, getThreadFactory());
        }

        @Override
        protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
            executor.shutdownNow();
        }

        @Override
        protected ThreadFactory getThreadFactory() {
            return runnable -> {
                Thread thread = new Thread(runnable, "fcm-send-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
