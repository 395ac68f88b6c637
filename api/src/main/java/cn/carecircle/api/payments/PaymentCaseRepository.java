package cn.carecircle.api.payments;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.common.ServiceType;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Payment cases; handling one is a conditional update from OPEN, so exactly one worker handles it. */
@Repository
class PaymentCaseRepository {

    private static final String SELECT = """
            select c.id, c.order_id, c.community_id, o.service, e.name as elder_name, c.action, c.amount_fen,
                c.gateway_code, c.gateway_message, c.opened_at, c.status, c.resolved_at, c.resolved_by,
                a.display_name as resolved_by_name, c.reason, c.reference
            from payment_case c
            join service_order o on o.id = c.order_id
            join elder e on e.id = o.elder_id
            left join account a on a.id = c.resolved_by""";

    private final DatabaseClient db;

    PaymentCaseRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Opens a case for the payment, unless one is open already (a decline seen twice at once opens one); true when
     * this call opened it.
     */
    Mono<Boolean> open(Payment p, String code, String message, Instant at) {
        var spec = db.sql("""
                        insert into payment_case (id, order_id, community_id, action, amount_fen, gateway_code,
                            gateway_message, opened_at)
                        values (:id, :order, :community, :action, :amount, :code, :message, :at)
                        on conflict (order_id) where status = 'OPEN' do nothing
                        """)
                .bind("id", UUID.randomUUID())
                .bind("order", p.orderId())
                .bind("community", p.communityId())
                .bind("action", PaymentCase.Action.of(p.state()).name())
                .bind("amount", p.onlineFen())
                .bind("code", code)
                .bind("at", at);
        return (message == null ? spec.bindNull("message", String.class) : spec.bind("message", message))
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** The community's cases in this status, oldest first. */
    Flux<PaymentCase> list(UUID communityId, PaymentCase.Status status) {
        return db.sql(SELECT + " where c.community_id = :c and c.status = :s order by c.opened_at, c.id")
                .bind("c", communityId)
                .bind("s", status.name())
                .map(PaymentCaseRepository::read)
                .all();
    }

    Mono<PaymentCase> find(UUID caseId) {
        return db.sql(SELECT + " where c.id = :id")
                .bind("id", caseId)
                .map(PaymentCaseRepository::read)
                .one();
    }

    /**
     * OPEN → {@code to}, recording who, when and why: true for exactly one of any number of concurrent callers (the
     * others wait on the row lock, re-read the status and update nothing).
     */
    Mono<Boolean> resolve(UUID caseId, PaymentCase.Status to, UUID by, Instant at, String reason, String reference) {
        var spec =
                db.sql("""
                        update payment_case set status = :to, resolved_by = :by, resolved_at = :at,
                            reason = :reason, reference = :reference
                        where id = :id and status = 'OPEN'
                        """).bind("to", to.name()).bind("by", by).bind("at", at).bind("id", caseId);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        spec = reference == null ? spec.bindNull("reference", String.class) : spec.bind("reference", reference);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    private static PaymentCase read(Readable row) {
        String status = row.get("status", String.class);
        return new PaymentCase(
                row.get("id", UUID.class),
                row.get("order_id", UUID.class),
                row.get("community_id", UUID.class),
                ServiceType.valueOf(row.get("service", String.class)),
                Masking.name(row.get("elder_name", String.class)),
                PaymentCase.Action.valueOf(row.get("action", String.class)),
                row.get("amount_fen", Long.class),
                row.get("gateway_code", String.class),
                row.get("gateway_message", String.class),
                row.get("opened_at", Instant.class),
                PaymentCase.Status.valueOf(status),
                row.get("resolved_at", Instant.class),
                row.get("resolved_by", UUID.class),
                row.get("resolved_by_name", String.class),
                row.get("reason", String.class),
                row.get("reference", String.class));
    }
}
