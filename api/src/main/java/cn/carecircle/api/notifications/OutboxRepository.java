package cn.carecircle.api.notifications;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The relay's side of the outbox table: claiming due rows and recording what became of them. */
@Repository
class OutboxRepository {

    /** A row claimed for sending; the claiming transaction holds its lock until the outcome is recorded. */
    record Claimed(
            UUID id,
            String channel,
            UUID accountId,
            UUID orderId,
            Integer seatNo,
            String kind,
            String payload,
            int attempts,
            Set<UUID> deliveredDevices,
            Instant createdAt) {}

    private final DatabaseClient db;

    OutboxRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The rows due at {@code now}, oldest due first, locked for this transaction; rows another relay holds are
     * skipped, so that concurrent relays (kicks, polls, instances) never take the same row.
     */
    Flux<Claimed> claimDue(Instant now, int limit) {
        return db.sql("""
                        select id, channel, account_id, order_id, seat_no, kind, payload, attempts, delivered_devices,
                            created_at
                        from outbox_message
                        where next_attempt_at <= :now
                        order by next_attempt_at
                        limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(OutboxRepository::read)
                .all();
    }

    Mono<Void> markSent(Collection<UUID> ids, Instant now) {
        return db.sql("""
                        update outbox_message
                        set sent_at = :now, next_attempt_at = null, attempts = attempts + 1, last_error = null
                        where id = any(:ids)
                        """)
                .bind("now", now)
                .bind("ids", ids.toArray(UUID[]::new))
                .then();
    }

    /**
     * Records a failed attempt: the next one at {@code nextAttemptAt}, or none ({@code null}: given up, failed_at
     * set). {@code delivered} keeps the devices that already have a push.
     */
    Mono<Void> markFailed(
            UUID id, int attempts, String error, Instant nextAttemptAt, Instant now, Collection<UUID> delivered) {
        GenericExecuteSpec spec = db.sql("""
                        update outbox_message
                        set attempts = :attempts, last_error = :error, next_attempt_at = :next,
                            failed_at = :failedAt, delivered_devices = :delivered
                        where id = :id
                        """)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("error", error.length() > 500 ? error.substring(0, 500) : error)
                .bind("delivered", delivered.toArray(UUID[]::new));
        spec = nextAttemptAt == null
                ? spec.bindNull("next", Instant.class).bind("failedAt", now)
                : spec.bind("next", nextAttemptAt).bindNull("failedAt", Instant.class);
        return spec.then();
    }

    /** The encrypted visit code of an order's seat; empty when the seat has none. */
    Mono<String> visitCodeOf(UUID orderId, int seatNo) {
        return db.sql("""
                        select visit_code_enc from order_seat
                        where order_id = :order and seat_no = :seat and visit_code_enc is not null
                        """)
                .bind("order", orderId)
                .bind("seat", (short) seatNo)
                .mapValue(String.class)
                .one();
    }

    private static Claimed read(Readable row) {
        UUID[] delivered = row.get("delivered_devices", UUID[].class);
        Short seat = row.get("seat_no", Short.class);
        Json payload = row.get("payload", Json.class);
        return new Claimed(
                row.get("id", UUID.class),
                row.get("channel", String.class),
                row.get("account_id", UUID.class),
                row.get("order_id", UUID.class),
                seat == null ? null : seat.intValue(),
                row.get("kind", String.class),
                payload == null ? "{}" : payload.asString(),
                row.get("attempts", Integer.class),
                delivered == null ? Set.of() : Set.of(delivered),
                row.get("created_at", Instant.class));
    }
}
