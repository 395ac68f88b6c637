package cn.carecircle.payments;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** Keeps seen notification ids in memory: for tests, the demo and a single instance only. */
public final class InMemoryNotificationDeduplicator implements NotificationDeduplicator {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public Mono<Boolean> firstSeen(String notificationId) {
        return Mono.fromSupplier(() -> seen.add(notificationId));
    }

    @Override
    public Mono<Void> forget(String notificationId) {
        return Mono.fromRunnable(() -> seen.remove(notificationId));
    }
}
