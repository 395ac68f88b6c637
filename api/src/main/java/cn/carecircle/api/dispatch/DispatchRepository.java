package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Offers, seats and the dispatch columns of orders. Every method runs in the caller's transaction; the claims
 * lock rows ({@code FOR UPDATE}, or {@code SKIP LOCKED} for background work) until it ends.
 */
@Repository
class DispatchRepository {

    /** The dispatch state of an order, read under its row lock. */
    record OrderLock(UUID id, OrderStatus status, int round, Instant deadline) {}

    record Offer(
            UUID id,
            UUID orderId,
            int round,
            UUID providerId,
            OfferStatus status,
            Instant expiresAt,
            double travelMinutes,
            ServiceType service,
            Instant windowStart,
            Instant windowEnd,
            int durationMinutes,
            Order.Settlement settlement) {}

    enum OfferStatus {
        OPEN,
        ACCEPTED,
        DECLINED,
        EXPIRED,
        TAKEN,
        WITHDRAWN
    }

    record NewOffer(UUID providerId, int rank, double travelMinutes) {}

    record Seat(
            UUID orderId,
            int seatNo,
            UUID providerId,
            String visitCodeEnc,
            int wrongCodeAttempts,
            boolean checkInLocked,
            Instant checkedInAt,
            Instant checkedOutAt,
            Double checkInLat,
            Double checkInLon,
            String checkOutNote) {}

    /** A seat whose provider has not checked in by its no-show time. */
    record DueSeat(UUID orderId, int seatNo, UUID providerId) {}

    private final DatabaseClient db;

    DispatchRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<OrderLock> lockOrder(UUID orderId) {
        return db.sql("""
                        select id, status, dispatch_round, dispatch_deadline from service_order
                        where id = :id for update
                        """)
                .bind("id", orderId)
                .map(row -> new OrderLock(
                        row.get("id", UUID.class),
                        OrderStatus.valueOf(row.get("status", String.class)),
                        row.get("dispatch_round", Integer.class),
                        row.get("dispatch_deadline", Instant.class)))
                .one();
    }

    /** Locks the order if its round is due and no other instance holds it; empty otherwise. */
    Mono<OrderLock> claimDueRound(UUID orderId, Instant now) {
        return db.sql("""
                        select id, status, dispatch_round, dispatch_deadline from service_order
                        where id = :id and status = 'MATCHING' and round_expires_at <= :now
                        for update skip locked
                        """)
                .bind("id", orderId)
                .bind("now", now)
                .map(row -> new OrderLock(
                        row.get("id", UUID.class),
                        OrderStatus.valueOf(row.get("status", String.class)),
                        row.get("dispatch_round", Integer.class),
                        row.get("dispatch_deadline", Instant.class)))
                .one();
    }

    Flux<UUID> claimDueRounds(Instant now, int limit) {
        return Transactions.readFully(db.sql("""
                        select id from service_order
                        where status = 'MATCHING' and round_expires_at <= :now
                        order by round_expires_at limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> row.get("id", UUID.class))
                .all());
    }

    Flux<UUID> claimDueStarts(Instant now, int limit) {
        return Transactions.readFully(db.sql("""
                        select id from service_order
                        where status = 'REQUESTED' and dispatch_due_at <= :now
                        order by dispatch_due_at limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> row.get("id", UUID.class))
                .all());
    }

    /** The couriers of the canteen whose meal plan the order belongs to; none for other orders. */
    Mono<Set<UUID>> canteenCouriers(UUID orderId) {
        return db.sql("""
                        select p.id from service_order o
                        join meal_plan m on m.id = o.meal_plan_id
                        join provider p on p.organisation_id = m.canteen_id
                        where o.id = :id
                        """)
                .bind("id", orderId)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collect(java.util.HashSet<UUID>::new, Set::add);
    }

    /** Claims seats past their no-show time together with their orders (both locked, neither waited for). */
    Flux<DueSeat> claimNoShows(Instant now, int limit) {
        return Transactions.readFully(db.sql("""
                        select s.order_id, s.seat_no, s.provider_id from order_seat s
                        join service_order o on o.id = s.order_id
                        where s.no_show_due_at <= :now and s.checked_in_at is null and s.provider_id is not null
                        order by s.no_show_due_at limit :limit
                        for update of s, o skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new DueSeat(
                        row.get("order_id", UUID.class),
                        row.get("seat_no", Short.class),
                        row.get("provider_id", UUID.class)))
                .all());
    }

    /** Starts a round: its number, when it expires (the due time of the next one) and the dispatch deadline. */
    Mono<Void> setRound(UUID orderId, int round, Instant expiresAt, Instant deadline) {
        GenericExecuteSpec spec = db.sql("""
                        update service_order set dispatch_round = :round, round_expires_at = :expires,
                            dispatch_deadline = :deadline
                        where id = :id
                        """).bind("id", orderId).bind("round", round);
        spec = Sql.bindNullable(spec, "expires", expiresAt, Instant.class);
        spec = Sql.bindNullable(spec, "deadline", deadline, Instant.class);
        return spec.then();
    }

    /** Makes the order's next round due now (the first round, or a new one after a seat was freed). */
    Mono<Void> roundDueNow(UUID orderId, Instant now, Instant deadline) {
        return db.sql("update service_order set round_expires_at = :now, dispatch_deadline = :deadline where id = :id")
                .bind("id", orderId)
                .bind("now", now)
                .bind("deadline", deadline)
                .then();
    }

    /** Brings the next round of a matching order forward to now (everyone offered has answered). */
    Mono<Void> roundDue(UUID orderId, Instant now) {
        return db.sql("update service_order set round_expires_at = :now where id = :id and status = 'MATCHING'")
                .bind("id", orderId)
                .bind("now", now)
                .then();
    }

    Mono<Void> stopRounds(UUID orderId) {
        return db.sql("update service_order set round_expires_at = null where id = :id")
                .bind("id", orderId)
                .then();
    }

    /** Closes the open offers of an order with a final status; emits the accounts of the providers told. */
    Flux<UUID> closeOpenOffers(UUID orderId, OfferStatus status, Instant now) {
        return db.sql("""
                        update dispatch_offer f set status = :status, answered_at = :now
                        from provider p
                        where f.order_id = :order and f.status = 'OPEN' and p.id = f.provider_id
                        returning p.account_id
                        """)
                .bind("order", orderId)
                .bind("status", status.name())
                .bind("now", now)
                .map(row -> row.get("account_id", UUID.class))
                .all();
    }

    /**
     * Providers not to offer the order to again: those holding a seat, those who lapsed on it, and those offered
     * it before ({@code includeExpired}), or only those who declined (a worker's re-dispatch asks again those
     * who just did not answer).
     */
    Mono<Set<UUID>> excludedProviders(UUID orderId, boolean includeExpired) {
        return db.sql("""
                        select provider_id from order_seat where order_id = :o and provider_id is not null
                        union select provider_id from provider_lapse where order_id = :o
                        union select provider_id from dispatch_offer
                            where order_id = :o and (:all or status in ('DECLINED', 'OPEN'))
                        """)
                .bind("o", orderId)
                .bind("all", includeExpired)
                .map(row -> row.get("provider_id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    /** Inserts a round's offers; emits the accounts of the providers offered, for their pushes. */
    Flux<UUID> insertOffers(UUID orderId, int round, List<NewOffer> offers, Instant now, Instant expiresAt) {
        return Flux.fromIterable(offers)
                .concatMap(o -> db.sql("""
                                insert into dispatch_offer (id, order_id, round, provider_id, rank, travel_minutes,
                                    offered_at, expires_at)
                                select :id, :order, :round, :provider, :rank, :travel, :now, :expires
                                returning (select account_id from provider where id = :provider) as account_id
                                """)
                        .bind("id", UUID.randomUUID())
                        .bind("order", orderId)
                        .bind("round", round)
                        .bind("provider", o.providerId())
                        .bind("rank", o.rank())
                        .bind("travel", BigDecimal.valueOf(o.travelMinutes()).setScale(2, RoundingMode.HALF_UP))
                        .bind("now", now)
                        .bind("expires", expiresAt)
                        .map(row -> row.get("account_id", UUID.class))
                        .one());
    }

    private static final String OFFER_COLUMNS = """
            f.id, f.order_id, f.round, f.provider_id, f.status, f.expires_at, f.travel_minutes, o.service,
            o.window_start, o.window_end, o.duration_minutes, o.settlement""";

    Mono<Offer> findOffer(UUID offerId) {
        return db.sql("select " + OFFER_COLUMNS
                        + " from dispatch_offer f join service_order o on o.id = f.order_id where f.id = :id")
                .bind("id", offerId)
                .map(DispatchRepository::readOffer)
                .one();
    }

    Flux<Offer> openOffersOf(UUID providerId, Instant now) {
        return db.sql("select " + OFFER_COLUMNS + """
                         from dispatch_offer f join service_order o on o.id = f.order_id
                        where f.provider_id = :p and f.status = 'OPEN' and f.expires_at > :now
                        order by f.expires_at
                        """)
                .bind("p", providerId)
                .bind("now", now)
                .map(DispatchRepository::readOffer)
                .all();
    }

    private static Offer readOffer(io.r2dbc.spi.Readable row) {
        return new Offer(
                row.get("id", UUID.class),
                row.get("order_id", UUID.class),
                row.get("round", Integer.class),
                row.get("provider_id", UUID.class),
                OfferStatus.valueOf(row.get("status", String.class)),
                row.get("expires_at", Instant.class),
                row.get("travel_minutes", BigDecimal.class).doubleValue(),
                ServiceType.valueOf(row.get("service", String.class)),
                row.get("window_start", Instant.class),
                row.get("window_end", Instant.class),
                row.get("duration_minutes", Integer.class),
                Order.Settlement.valueOf(row.get("settlement", String.class)));
    }

    /**
     * Marks an offer accepted if it is this provider's, open and unexpired, and its order is still matching;
     * emits it (status ACCEPTED), or nothing when any of that fails.
     */
    Mono<Offer> acceptOffer(UUID offerId, UUID providerId, Instant now) {
        return db.sql("""
                        update dispatch_offer f set status = 'ACCEPTED', answered_at = :now
                        from service_order o
                        where f.id = :id and f.provider_id = :provider and f.status = 'OPEN' and f.expires_at > :now
                            and o.id = f.order_id and o.status = 'MATCHING'
                        returning\s""" + OFFER_COLUMNS)
                .bind("id", offerId)
                .bind("provider", providerId)
                .bind("now", now)
                .map(DispatchRepository::readOffer)
                .one();
    }

    Mono<Void> answerOffer(UUID offerId, OfferStatus status, Instant now) {
        return db.sql("update dispatch_offer set status = :status, answered_at = :now where id = :id")
                .bind("id", offerId)
                .bind("status", status.name())
                .bind("now", now)
                .then();
    }

    Mono<Integer> openOfferCount(UUID orderId) {
        return db.sql("select count(*) as n from dispatch_offer where order_id = :o and status = 'OPEN'")
                .bind("o", orderId)
                .map(row -> row.get("n", Long.class).intValue())
                .one();
    }

    /** Fills the lowest empty seat; emits its number, or nothing when every seat is taken. */
    Mono<Integer> fillSeat(
            UUID orderId,
            UUID providerId,
            String role,
            UUID byAccount,
            String overrideReason,
            String visitCodeEnc,
            Instant noShowDueAt,
            Instant now) {
        GenericExecuteSpec spec = db.sql("""
                        update order_seat set provider_id = :provider, assigned_at = :now, assigned_by_role = :role,
                            assigned_by = :by, override_reason = :reason, visit_code_enc = :code,
                            wrong_code_attempts = 0, check_in_locked = false, no_show_due_at = :noShow
                        where order_id = :order and provider_id is null and seat_no = (
                            select min(seat_no) from order_seat where order_id = :order and provider_id is null)
                            and exists (select 1 from service_order where id = :order
                                and status in ('MATCHING', 'ESCALATED'))
                        returning seat_no
                        """)
                .bind("provider", providerId)
                .bind("now", now)
                .bind("role", role)
                .bind("by", byAccount)
                .bind("code", visitCodeEnc)
                .bind("noShow", noShowDueAt)
                .bind("order", orderId);
        spec = Sql.bindNullable(spec, "reason", overrideReason, String.class);
        return spec.map(row -> (int) row.get("seat_no", Short.class)).one();
    }

    Mono<Integer> emptySeats(UUID orderId) {
        return db.sql("select count(*) as n from order_seat where order_id = :o and provider_id is null")
                .bind("o", orderId)
                .map(row -> row.get("n", Long.class).intValue())
                .one();
    }

    /** Frees a provider's seat (withdrawal, no-show) and records the lapse against their reliability. */
    Mono<Void> freeSeat(UUID orderId, UUID providerId, String lapseKind, String reason, Instant now) {
        GenericExecuteSpec lapse = db.sql("""
                        insert into provider_lapse (id, provider_id, order_id, kind, at, reason)
                        values (:id, :provider, :order, :kind, :now, :reason)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("provider", providerId)
                .bind("order", orderId)
                .bind("kind", lapseKind)
                .bind("now", now);
        lapse = Sql.bindNullable(lapse, "reason", reason, String.class);
        return db.sql("""
                        update order_seat set provider_id = null, assigned_at = null, assigned_by_role = null,
                            assigned_by = null, override_reason = null, visit_code_enc = null, wrong_code_attempts = 0,
                            check_in_locked = false, no_show_due_at = null
                        where order_id = :order and provider_id = :provider
                        """)
                .bind("order", orderId)
                .bind("provider", providerId)
                .then()
                .then(lapse.then());
    }

    Mono<Void> clearNoShow(UUID orderId, int seatNo) {
        return db.sql("update order_seat set no_show_due_at = null where order_id = :o and seat_no = :s")
                .bind("o", orderId)
                .bind("s", (short) seatNo)
                .then();
    }

    private static final String SEAT_COLUMNS = """
            order_id, seat_no, provider_id, visit_code_enc, wrong_code_attempts, check_in_locked, checked_in_at,
            checked_out_at, check_in_lat, check_in_lon, check_out_note""";

    /** The provider's seat on an order, locked for a check-in or check-out. */
    Mono<Seat> lockSeatOf(UUID orderId, UUID providerId) {
        return db.sql("select " + SEAT_COLUMNS + " from order_seat where order_id = :o and provider_id = :p for update")
                .bind("o", orderId)
                .bind("p", providerId)
                .map(DispatchRepository::readSeat)
                .one();
    }

    Mono<Seat> lockSeat(UUID orderId, int seatNo) {
        return db.sql("select " + SEAT_COLUMNS + " from order_seat where order_id = :o and seat_no = :s for update")
                .bind("o", orderId)
                .bind("s", (short) seatNo)
                .map(DispatchRepository::readSeat)
                .one();
    }

    Flux<Seat> seatsOf(UUID orderId) {
        return db.sql("select " + SEAT_COLUMNS + " from order_seat where order_id = :o order by seat_no")
                .bind("o", orderId)
                .map(DispatchRepository::readSeat)
                .all();
    }

    private static Seat readSeat(io.r2dbc.spi.Readable row) {
        return new Seat(
                row.get("order_id", UUID.class),
                row.get("seat_no", Short.class),
                row.get("provider_id", UUID.class),
                row.get("visit_code_enc", String.class),
                row.get("wrong_code_attempts", Short.class),
                row.get("check_in_locked", Boolean.class),
                row.get("checked_in_at", Instant.class),
                row.get("checked_out_at", Instant.class),
                row.get("check_in_lat", Double.class),
                row.get("check_in_lon", Double.class),
                row.get("check_out_note", String.class));
    }

    Mono<Void> wrongCode(UUID orderId, int seatNo, int attempts, boolean lock) {
        return db.sql("""
                        update order_seat set wrong_code_attempts = :n, check_in_locked = :lock
                        where order_id = :o and seat_no = :s
                        """)
                .bind("o", orderId)
                .bind("s", (short) seatNo)
                .bind("n", (short) attempts)
                .bind("lock", lock)
                .then();
    }

    Mono<Void> unlock(UUID orderId, int seatNo, String visitCodeEnc) {
        return db.sql("""
                        update order_seat set wrong_code_attempts = 0, check_in_locked = false, visit_code_enc = :code
                        where order_id = :o and seat_no = :s
                        """)
                .bind("o", orderId)
                .bind("s", (short) seatNo)
                .bind("code", visitCodeEnc)
                .then();
    }

    Mono<Void> checkIn(UUID orderId, int seatNo, double lat, double lon, int distanceMetres, Instant now) {
        return db.sql("""
                        update order_seat set checked_in_at = :now, check_in_lat = :lat, check_in_lon = :lon,
                            check_in_distance_m = :d, no_show_due_at = null
                        where order_id = :o and seat_no = :s
                        """)
                .bind("o", orderId)
                .bind("s", (short) seatNo)
                .bind("now", now)
                .bind("lat", lat)
                .bind("lon", lon)
                .bind("d", distanceMetres)
                .then();
    }

    /** Records a check-out; emits how many assigned seats are still not checked out. */
    Mono<Integer> checkOut(UUID orderId, int seatNo, String note, Instant now) {
        return db.sql("""
                        update order_seat set checked_out_at = :now, check_out_note = :note
                        where order_id = :o and seat_no = :s
                        """)
                .bind("o", orderId)
                .bind("s", (short) seatNo)
                .bind("now", now)
                .bind("note", note)
                .then()
                .then(db.sql(
                                "select count(*) as n from order_seat where order_id = :o and provider_id is not null and checked_out_at is null")
                        .bind("o", orderId)
                        .map(row -> row.get("n", Long.class).intValue())
                        .one());
    }

    Mono<Void> completed(UUID orderId, Instant now, Instant confirmDueAt) {
        return db.sql("update service_order set completed_at = :now, confirm_due_at = :due where id = :id")
                .bind("id", orderId)
                .bind("now", now)
                .bind("due", confirmDueAt)
                .then();
    }

    /** The provider's jobs: every order where they hold a seat, the soonest unfinished first. */
    Flux<UUID> jobOrderIds(UUID providerId, int limit) {
        return db.sql("""
                        select s.order_id from order_seat s join service_order o on o.id = s.order_id
                        where s.provider_id = :p
                        order by (s.checked_out_at is not null), o.window_start
                        limit :limit
                        """)
                .bind("p", providerId)
                .bind("limit", limit)
                .map(row -> row.get("order_id", UUID.class))
                .all();
    }

    /** An order that needs a human on the board, and since when (or until when). */
    record Attention(UUID orderId, String kind, Instant since, Instant deadline) {}

    Flux<Attention> needingAttention(UUID communityId, Instant now, Instant expiringBefore) {
        return db.sql("""
                        select o.id, 'ESCALATED' as kind,
                            (select max(e.at) from order_event e where e.order_id = o.id and e.to_status = 'ESCALATED')
                                as since, null::timestamptz as deadline, 0 as urgency
                        from service_order o where o.community_id = :c and o.status = 'ESCALATED'
                        union all
                        select o.id, 'NO_CHECK_IN', o.window_start, null, 1
                        from service_order o where o.community_id = :c and o.status = 'ASSIGNED'
                            and o.window_start <= :now
                            and exists (select 1 from order_seat s where s.order_id = o.id and s.checked_in_at is null
                                and s.provider_id is not null)
                        union all
                        select o.id, 'OFFER_EXPIRING', null, o.dispatch_deadline, 2
                        from service_order o where o.community_id = :c and o.status = 'MATCHING'
                            and o.dispatch_deadline <= :expiring
                        order by urgency, since nulls last, deadline nulls last
                        limit 200
                        """)
                .bind("c", communityId)
                .bind("now", now)
                .bind("expiring", expiringBefore)
                .map(row -> new Attention(
                        row.get("id", UUID.class),
                        row.get("kind", String.class),
                        row.get("since", Instant.class),
                        row.get("deadline", Instant.class)))
                .all();
    }

    /** A finished visit: who served it (their account and kind) and from when to when. */
    record Served(int seatNo, UUID accountId, String kind, Instant checkedInAt, Instant checkedOutAt) {}

    Flux<Served> served(UUID orderId) {
        return db.sql("""
                        select s.seat_no, p.account_id, p.kind, s.checked_in_at, s.checked_out_at
                        from order_seat s join provider p on p.id = s.provider_id
                        where s.order_id = :o and s.checked_out_at is not null
                        order by s.seat_no
                        """)
                .bind("o", orderId)
                .map(row -> new Served(
                        row.get("seat_no", Short.class),
                        row.get("account_id", UUID.class),
                        row.get("kind", String.class),
                        row.get("checked_in_at", Instant.class),
                        row.get("checked_out_at", Instant.class)))
                .all();
    }

    Flux<UUID> familyAccountsOf(UUID elderId) {
        return db.sql("select family_account_id from family_binding where elder_id = :e and status = 'ACTIVE'")
                .bind("e", elderId)
                .map(row -> row.get("family_account_id", UUID.class))
                .all();
    }

    Flux<UUID> workerAccountsOf(UUID communityId) {
        return db.sql("""
                        select s.account_id from staff_community s join account a on a.id = s.account_id
                        where s.community_id = :c and 'COMMUNITY_WORKER' = any(a.roles)
                        """)
                .bind("c", communityId)
                .map(row -> row.get("account_id", UUID.class))
                .all();
    }

    Mono<UUID> accountOfProvider(UUID providerId) {
        return db.sql("select account_id from provider where id = :p")
                .bind("p", providerId)
                .map(row -> row.get("account_id", UUID.class))
                .one();
    }
}
