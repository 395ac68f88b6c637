package cn.carecircle.api.notifications;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Sends a push to devices (FCM in production). */
interface PushSender {

    /**
     * Sends the message to each device. Never fails as a whole: every device gets its own result, keyed by the
     * device's id, and a failure of the entire call is a {@link Delivery#RETRY} for every device.
     */
    Mono<Map<UUID, DeviceResult>> send(List<DeviceToken> devices, PushMessage message);

    /** A notification with a title and a text, and the data the app acts on. */
    record PushMessage(String title, String body, Map<String, String> data) {
        public PushMessage {
            data = Map.copyOf(data);
        }
    }

    enum Delivery {
        /** The push service accepted the message for this device. */
        DELIVERED,
        /** The token is no good (unregistered, invalid, another project's): remove the device. */
        PRUNE,
        /** A failure that may pass (5xx, quota, time-out): try this device again later. */
        RETRY
    }

    /** @param error the push service's error code when not delivered, for the outbox row's last error */
    record DeviceResult(Delivery delivery, String error) {
        static final DeviceResult DELIVERED = new DeviceResult(Delivery.DELIVERED, null);
    }
}
