package cn.carecircle.api.payments;

import cn.carecircle.payments.NotificationDeduplicator;
import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * WeChat Pay notification ids seen, in PostgreSQL, so that every api instance knows them. Processing is idempotent
 * by itself (conditional updates, keyed postings); this spares a replay the work.
 */
class PostgresNotificationDeduplicator implements NotificationDeduplicator {

    private final DatabaseClient db;
    private final Clock clock;

    PostgresNotificationDeduplicator(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstSeen(String notificationId) {
        return db.sql("insert into payment_notification (id, received_at) values (:id, :at) on conflict do nothing")
                .bind("id", notificationId)
                .bind("at", clock.instant())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    @Override
    public Mono<Void> forget(String notificationId) {
        return db.sql("delete from payment_notification where id = :id")
                .bind("id", notificationId)
                .then();
    }
}
