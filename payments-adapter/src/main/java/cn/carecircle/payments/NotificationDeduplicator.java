package cn.carecircle.payments;

import reactor.core.publisher.Mono;

/**
 * Remembers which notification ids were already accepted, so a redelivered or replayed notification
 * is processed once. The provider's SDK does not do this; the api will give a PostgreSQL
 * implementation (a unique key on the id, written in the same transaction as the processing).
 */
public interface NotificationDeduplicator {

    /**
     * Records {@code notificationId} as seen.
     *
     * @return true if it had not been seen before (process it), false if it had (a duplicate)
     */
    Mono<Boolean> firstSeen(String notificationId);

    /** Forgets an id whose processing failed, so that the provider's redelivery is processed. */
    Mono<Void> forget(String notificationId);
}
