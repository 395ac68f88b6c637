package cn.carecircle.api.notifications;

import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what must leave the system into the outbox, inside the caller's transaction: it leaves if and only if
 * the change that caused it commits, and a failed send never fails or loses the change. The relay sends it.
 *
 * <p>Payloads hold ids, kinds and masked names only; never a phone, an address, an ID number or a visit code.
 *
 * <p>When the transaction commits, this instance's relay is kicked, so that what was written leaves at once rather
 * than at the next poll (see {@link OutboxRelay}).
 */
@Component
public class Outbox {

    /** A push to one account's devices (FCM) and live stream: a kind the apps switch on, a text, and data. */
    public record Notice(String kind, String title, String body, Map<String, String> data) {
        public Notice {
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }

    static final String ORDER_CHANGED = "order-changed";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxKicks kicks;
    /** Marks a transaction that will kick the relay when it commits; one key per context, not per JVM. */
    private final Object kickKey = new Object();

    Outbox(DatabaseClient db, JsonMapper json, Clock clock, OutboxKicks kicks) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.kicks = kicks;
    }

    /** Tells an account, on their devices and their live stream. */
    public Mono<Void> push(UUID accountId, UUID orderId, Notice notice) {
        return insert("PUSH", accountId, orderId, null, notice.kind(), notice);
    }

    /** Tells several accounts the same, in one statement (an order's other offers, all taken at once). */
    public Mono<Void> pushAll(java.util.Collection<UUID> accountIds, UUID orderId, Notice notice) {
        if (accountIds.isEmpty()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        GenericExecuteSpec spec = db.sql("""
                        insert into outbox_message (id, channel, account_id, order_id, kind, payload, created_at,
                            next_attempt_at)
                        select gen_random_uuid(), 'PUSH', a, :order, :kind, :payload, :now, :now
                        from unnest(:accounts) as a
                        """)
                .bind("accounts", accountIds.toArray(UUID[]::new))
                .bind("kind", notice.kind())
                .bind("payload", Json.of(json.writeValueAsString(notice)))
                .bind("now", now);
        spec = orderId == null ? spec.bindNull("order", UUID.class) : spec.bind("order", orderId);
        return spec.then();
    }

    /** Sends the elder the one-time visit code of a seat by SMS (read and decrypted when it is sent). */
    public Mono<Void> visitCodeSms(UUID orderId, int seatNo) {
        return insert("SMS", null, orderId, seatNo, "visit-code", Map.of());
    }

    /** Tells whoever follows an order live that its timeline has a new event. */
    public Mono<Void> orderChanged(UUID orderId) {
        return insert("EVENT", null, orderId, null, ORDER_CHANGED, Map.of());
    }

    private Mono<Void> insert(
            String channel, UUID accountId, UUID orderId, Integer seatNo, String kind, Object payload) {
        Instant now = clock.instant();
        GenericExecuteSpec spec = db.sql("""
                        insert into outbox_message (id, channel, account_id, order_id, seat_no, kind, payload, created_at,
                            next_attempt_at)
                        values (:id, :channel, :account, :order, :seat, :kind, :payload, :now, :now)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("channel", channel)
                .bind("kind", kind)
                .bind("payload", Json.of(json.writeValueAsString(payload)))
                .bind("now", now);
        spec = accountId == null ? spec.bindNull("account", UUID.class) : spec.bind("account", accountId);
        spec = orderId == null ? spec.bindNull("order", UUID.class) : spec.bind("order", orderId);
        spec = seatNo == null ? spec.bindNull("seat", Short.class) : spec.bind("seat", seatNo.shortValue());
        return spec.then().then(kickAfterCommit());
    }

    /**
     * Kicks the relay once the caller's transaction commits (once per transaction, however many rows it wrote);
     * never on rollback. Without a transaction the row is already committed, and the kick follows at once.
     */
    private Mono<Void> kickAfterCommit() {
        if (!kicks.enabled()) {
            return Mono.empty();
        }
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> {
                    if (!transaction.isSynchronizationActive()) {
                        kicks.kick();
                    } else if (!transaction.hasResource(kickKey)) {
                        transaction.bindResource(kickKey, Boolean.TRUE);
                        transaction.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(kicks::kick);
                            }

                            @Override
                            public Mono<Void> afterCompletion(int status) {
                                return Mono.fromRunnable(() -> transaction.unbindResourceIfPossible(kickKey));
                            }
                        });
                    }
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(kicks::kick))
                .then();
    }
}
