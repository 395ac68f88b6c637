package cn.carecircle.api.payments;

import cn.carecircle.api.common.Transactions;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Order payments; every change of state is a conditional update from the state it expects. */
@Repository
class PaymentRepository {

    private static final String SELECT = """
            select order_id, community_id, elder_id, paid_by, total_fen, subsidy_fen, online_fen, subsidy_month,
                out_trade_no, state, out_refund_no, refund_state
            from payment""";

    private final DatabaseClient db;

    PaymentRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts it, or nothing when the order already has a payment; true when inserted. */
    Mono<Boolean> insert(Payment p, Instant at) {
        return db.sql("""
                        insert into payment (order_id, community_id, elder_id, paid_by, total_fen, subsidy_fen,
                            online_fen, subsidy_month, out_trade_no, state, created_at, updated_at, reconcile_due_at)
                        values (:order, :community, :elder, :by, :total, :subsidy, :online, :month, :no, :state,
                            :at, :at, case when :state = 'PENDING' then :at + interval '5 minutes' end)
                        on conflict (order_id) do nothing
                        """)
                .bind("order", p.orderId())
                .bind("community", p.communityId())
                .bind("elder", p.elderId())
                .bind("by", p.paidBy())
                .bind("total", p.totalFen())
                .bind("subsidy", p.subsidyFen())
                .bind("online", p.onlineFen())
                .bind("month", p.subsidyMonth())
                .bind("no", p.outTradeNo())
                .bind("state", p.state().name())
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Payment> findByOrder(UUID orderId) {
        return db.sql(SELECT + " where order_id = :o")
                .bind("o", orderId)
                .map(PaymentRepository::read)
                .one();
    }

    /** The payment, its row locked to the end of the transaction. */
    Mono<Payment> lockByOrder(UUID orderId) {
        return db.sql(SELECT + " where order_id = :o for update")
                .bind("o", orderId)
                .map(PaymentRepository::read)
                .one();
    }

    Mono<Payment> findByOutTradeNo(String outTradeNo) {
        return db.sql(SELECT + " where out_trade_no = :no")
                .bind("no", outTradeNo)
                .map(PaymentRepository::read)
                .one();
    }

    /**
     * Moves the payment from {@code from} to {@code to}: true for exactly one of any number of concurrent callers
     * (the others wait on the row lock, re-read the state and update nothing).
     */
    Mono<Boolean> transition(UUID orderId, Payment.State from, Payment.State to, Instant at) {
        return db.sql("update payment set state = :to, updated_at = :at where order_id = :o and state = :from")
                .bind("to", to.name())
                .bind("at", at)
                .bind("o", orderId)
                .bind("from", from.name())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** The online part is paid: PENDING → HELD with WeChat Pay's transaction; true for exactly one caller. */
    Mono<Boolean> onlinePaid(String outTradeNo, String transactionId, Instant paidAt, Instant at) {
        return db.sql("""
                        update payment set state = 'HELD', transaction_id = :tx, online_paid_at = :paid, updated_at = :at
                        where out_trade_no = :no and state = 'PENDING'
                        """)
                .bind("tx", transactionId)
                .bind("paid", paidAt)
                .bind("at", at)
                .bind("no", outTradeNo)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** HELD → REFUNDED with the refund's number, its state PROCESSING; true for exactly one caller. */
    Mono<Boolean> refunding(UUID orderId, String outRefundNo, Instant at) {
        return db.sql("""
                        update payment set state = 'REFUNDED', out_refund_no = :rf, refund_state = 'PROCESSING',
                            updated_at = :at
                        where order_id = :o and state = 'HELD'
                        """)
                .bind("rf", outRefundNo)
                .bind("at", at)
                .bind("o", orderId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** CLOSED → REFUNDED: the online part arrived after the payment was closed; true for exactly one caller. */
    Mono<Boolean> refundingClosed(UUID orderId, String outRefundNo, Instant at) {
        return db.sql("""
                        update payment set state = 'REFUNDED', out_refund_no = :rf, refund_state = 'PROCESSING',
                            updated_at = :at
                        where order_id = :o and state = 'CLOSED'
                        """)
                .bind("rf", outRefundNo)
                .bind("at", at)
                .bind("o", orderId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Void> gatewayDue(UUID orderId, Instant at) {
        return db.sql("update payment set gateway_due_at = :at where order_id = :o")
                .bind("at", at)
                .bind("o", orderId)
                .then();
    }

    /** Payments whose refund or close is due with the gateway, locked (others skip them) until the commit. */
    Flux<Payment> claimGatewayDue(Instant now, int limit) {
        return db.sql(SELECT + """
                         where gateway_due_at <= :now
                        order by gateway_due_at
                        limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(PaymentRepository::read)
                .all();
    }

    Mono<Void> gatewayDone(UUID orderId) {
        return db.sql("update payment set gateway_due_at = null where order_id = :o")
                .bind("o", orderId)
                .then();
    }

    /** Payments whose online part is awaited and due to be looked up with the gateway, for this instance only. */
    Flux<Payment> claimReconcileDue(Instant now, int limit) {
        return Transactions.readFully(db.sql(SELECT + """
                         where reconcile_due_at <= :now
                        order by reconcile_due_at
                        limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(PaymentRepository::read)
                .all());
    }

    /** Looked up: again later (twice as late each time, at most hourly) while still PENDING, else never again. */
    Mono<Void> reconciled(UUID orderId, Instant now, boolean again) {
        return db.sql("""
                        update payment set reconcile_attempts = reconcile_attempts + 1,
                            reconcile_due_at = case when :again and state = 'PENDING'
                                then :now + least(interval '1 hour', interval '5 minutes' * power(2, reconcile_attempts))
                                end
                        where order_id = :o
                        """)
                .bind("again", again)
                .bind("now", now)
                .bind("o", orderId)
                .then();
    }

    /** Asks again later, each time twice as late (at most an hour). */
    Mono<Void> gatewayRetry(UUID orderId, Instant now) {
        return db.sql("""
                        update payment set gateway_attempts = gateway_attempts + 1,
                            gateway_due_at = :now + least(interval '1 hour', interval '1 minute' * power(2, gateway_attempts))
                        where order_id = :o
                        """).bind("now", now).bind("o", orderId).then();
    }

    Mono<Void> refundState(String outRefundNo, String state, Instant at) {
        return db.sql("update payment set refund_state = :s, updated_at = :at where out_refund_no = :rf")
                .bind("s", state)
                .bind("at", at)
                .bind("rf", outRefundNo)
                .then();
    }

    /** Who is paid for the order's seats: each seat's organisation, or the provider where they work alone. */
    Flux<UUID> payeesOf(UUID orderId) {
        return db.sql("""
                        select coalesce(p.organisation_id, p.id) as payee
                        from order_seat s join provider p on p.id = s.provider_id
                        where s.order_id = :o order by s.seat_no
                        """)
                .bind("o", orderId)
                .map(row -> row.get("payee", UUID.class))
                .all();
    }

    /** A provider's seat on a paid order: the order's total, how many share it, and whether this seat is first. */
    record EarningRow(
            UUID orderId,
            cn.carecircle.api.common.ServiceType service,
            Instant windowStart,
            long totalFen,
            Payment.State state,
            long seats,
            boolean first) {

        /** This seat's share, split as settlement splits it: the first seat takes what does not divide evenly. */
        long shareFen() {
            return totalFen / seats + (first ? totalFen % seats : 0);
        }
    }

    /** The provider's seats on orders paid or being paid, whose window starts in [from, until). */
    Flux<EarningRow> earningsOf(UUID providerId, Instant from, Instant until) {
        return db.sql("""
                        select o.id, o.service, o.window_start, pay.total_fen, pay.state,
                            (select count(*) from order_seat x where x.order_id = o.id and x.provider_id is not null)
                                as seats,
                            s.seat_no = (select min(x.seat_no) from order_seat x
                                where x.order_id = o.id and x.provider_id is not null) as first
                        from order_seat s
                        join service_order o on o.id = s.order_id
                        join payment pay on pay.order_id = o.id
                        where s.provider_id = :p and pay.state in ('PENDING', 'HELD', 'SETTLED')
                            and o.window_start >= :from and o.window_start < :until
                        order by o.window_start, o.id
                        """)
                .bind("p", providerId)
                .bind("from", from)
                .bind("until", until)
                .map(row -> new EarningRow(
                        row.get("id", UUID.class),
                        cn.carecircle.api.common.ServiceType.valueOf(row.get("service", String.class)),
                        row.get("window_start", Instant.class),
                        row.get("total_fen", Long.class),
                        Payment.State.valueOf(row.get("state", String.class)),
                        row.get("seats", Long.class),
                        Boolean.TRUE.equals(row.get("first", Boolean.class))))
                .all();
    }

    private static Payment read(Readable row) {
        return new Payment(
                row.get("order_id", UUID.class),
                row.get("community_id", UUID.class),
                row.get("elder_id", UUID.class),
                row.get("paid_by", UUID.class),
                row.get("total_fen", Long.class),
                row.get("subsidy_fen", Long.class),
                row.get("online_fen", Long.class),
                row.get("subsidy_month", LocalDate.class),
                row.get("out_trade_no", String.class),
                Payment.State.valueOf(row.get("state", String.class)),
                row.get("out_refund_no", String.class),
                row.get("refund_state", String.class));
    }
}
