package cn.carecircle.api.notifications;

import java.time.Instant;
import java.util.UUID;

/** A device an account receives pushes on: its FCM registration token. */
record DeviceToken(
        UUID id, String token, UUID accountId, DevicePlatform platform, Instant registeredAt, Instant lastSeenAt) {

    @Override
    public String toString() {
        // a token lets anyone holding the project's credentials push to the device: never in logs
        return "DeviceToken[id=" + id + ", accountId=" + accountId + ", platform=" + platform + "]";
    }
}
