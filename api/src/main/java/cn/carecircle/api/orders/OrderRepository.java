package cn.carecircle.api.orders;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.PagedQuery;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.common.Transactions;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Repository
class OrderRepository {

    private static final String COLUMNS = """
            o.id, o.elder_id, o.community_id, o.service, o.status, o.channel, o.placed_by, o.settlement, o.price_fen,
            o.price_minutes, o.charged_minutes, o.charged_account_id, o.duration_minutes, o.window_start, o.window_end, o.immediate, o.notes,
            o.caregiver_gender, o.two_caregivers, o.language, o.dispatch_due_at, o.placed_at, e.name as elder_name,
            (select json_agg(json_build_object(
                    'seatNo', s.seat_no, 'providerId', s.provider_id, 'providerName', p.display_name,
                    'assignedAt', (extract(epoch from s.assigned_at) * 1000)::bigint,
                    'assignedByRole', s.assigned_by_role, 'checkInLocked', s.check_in_locked,
                    'checkedInAt', (extract(epoch from s.checked_in_at) * 1000)::bigint,
                    'checkedOutAt', (extract(epoch from s.checked_out_at) * 1000)::bigint) order by s.seat_no)
                from order_seat s left join provider p on p.id = s.provider_id where s.order_id = o.id) as seats""";

    private final DatabaseClient db;
    private final JsonMapper json;

    OrderRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Void> insert(Order o) {
        GenericExecuteSpec spec = db.sql("""
                        insert into service_order (id, elder_id, community_id, service, status, channel, placed_by,
                            settlement, price_fen, price_minutes, charged_minutes, charged_account_id, duration_minutes,
                            window_start, window_end, immediate, notes, caregiver_gender, two_caregivers, language,
                            dispatch_due_at, placed_at)
                        values (:id, :elder, :community, :service, :status, :channel, :placedBy, :settlement, :fen,
                            :minutes, :charged, :chargedAccount, :duration, :start, :end, :immediate, :notes, :gender,
                            :two, :language, :due, :at)
                        """)
                .bind("id", o.id())
                .bind("elder", o.elderId())
                .bind("community", o.communityId())
                .bind("service", o.service().name())
                .bind("status", o.status().name())
                .bind("channel", o.channel().name())
                .bind("placedBy", o.placedBy())
                .bind("settlement", o.settlement().name())
                .bind("duration", o.durationMinutes())
                .bind("start", o.windowStart())
                .bind("end", o.windowEnd())
                .bind("immediate", o.immediate())
                .bind("two", o.requirements().twoCaregivers())
                .bind("at", o.placedAt());
        spec = Sql.bindNullable(spec, "fen", o.priceFen(), Long.class);
        spec = Sql.bindNullable(spec, "minutes", o.priceMinutes(), Integer.class);
        spec = Sql.bindNullable(spec, "charged", o.chargedMinutes(), Long.class);
        spec = Sql.bindNullable(spec, "chargedAccount", o.chargedAccountId(), UUID.class);
        spec = Sql.bindNullable(spec, "notes", o.notes(), String.class);
        Gender gender = o.requirements().caregiverGender();
        spec = Sql.bindNullable(spec, "gender", gender == null ? null : gender.name(), String.class);
        Language language = o.requirements().language();
        spec = Sql.bindNullable(spec, "language", language == null ? null : language.name(), String.class);
        spec = Sql.bindNullable(spec, "due", o.dispatchDueAt(), Instant.class);
        // one seat per caregiver the order needs, each filled on its own
        return spec.then()
                .then(db.sql("insert into order_seat (order_id, seat_no) select :id, generate_series(1, :seats)")
                        .bind("id", o.id())
                        .bind("seats", o.requirements().twoCaregivers() ? 2 : 1)
                        .then());
    }

    Mono<Order> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from service_order o join elder e on e.id = o.elder_id where o.id = :id")
                .bind("id", id)
                .map(this::read)
                .one();
    }

    /**
     * Moves an order from one status to another if it is still in the first one; the row count tells whether
     * this caller won against a concurrent change.
     */
    Mono<Boolean> transition(UUID id, OrderStatus from, OrderStatus to) {
        return db.sql("update service_order set status = :to where id = :id and status = :from")
                .bind("to", to.name())
                .bind("id", id)
                .bind("from", from.name())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<java.time.Instant> confirmDueAt(UUID id) {
        return db.sql("select confirm_due_at from service_order where id = :id")
                .bind("id", id)
                .map(row -> row.get("confirm_due_at", Instant.class))
                .one();
    }

    /** Completed orders whose confirmation period has ended, locked for this instance only. */
    Flux<UUID> claimDueConfirmations(Instant now, int limit) {
        return Transactions.readFully(db.sql("""
                        select id from service_order
                        where status = 'COMPLETED' and confirm_due_at <= :now
                        order by confirm_due_at limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> row.get("id", UUID.class))
                .all());
    }

    Mono<Void> tieToPlan(UUID orderId, UUID planId, java.time.LocalDate day) {
        return db.sql("update service_order set meal_plan_id = :plan, plan_day = :day where id = :id")
                .bind("id", orderId)
                .bind("plan", planId)
                .bind("day", day)
                .then();
    }

    Mono<Void> appendEvent(OrderEvent e) {
        GenericExecuteSpec spec = db.sql("""
                        insert into order_event (id, order_id, at, from_status, to_status, actor_role, actor_account_id, reason)
                        values (:id, :order, :at, :from, :to, :role, :actor, :reason)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("order", e.orderId())
                .bind("at", e.at())
                .bind("to", e.to().name())
                .bind("role", e.actorRole());
        spec = Sql.bindNullable(spec, "from", e.from() == null ? null : e.from().name(), String.class);
        spec = Sql.bindNullable(spec, "actor", e.actorAccountId(), UUID.class);
        spec = Sql.bindNullable(spec, "reason", e.reason(), String.class);
        return spec.then();
    }

    Flux<OrderEvent> timeline(UUID orderId) {
        return db.sql("""
                        select order_id, at, from_status, to_status, actor_role, actor_account_id, reason
                        from order_event where order_id = :o order by seq
                        """)
                .bind("o", orderId)
                .map(row -> new OrderEvent(
                        row.get("order_id", UUID.class),
                        row.get("at", Instant.class),
                        Sql.enumOrNull(row.get("from_status", String.class), OrderStatus::valueOf),
                        OrderStatus.valueOf(row.get("to_status", String.class)),
                        row.get("actor_role", String.class),
                        row.get("actor_account_id", UUID.class),
                        row.get("reason", String.class)))
                .all();
    }

    /** The timeline events after {@code afterSeq}, oldest first, each with its sequence number. */
    Flux<OrderService.TimelineEntry> timelineAfter(UUID orderId, long afterSeq) {
        return db.sql("""
                        select seq, order_id, at, from_status, to_status, actor_role, actor_account_id, reason
                        from order_event where order_id = :o and seq > :after order by seq
                        """)
                .bind("o", orderId)
                .bind("after", afterSeq)
                .map(row -> new OrderService.TimelineEntry(
                        row.get("seq", Long.class),
                        new OrderEvent(
                                row.get("order_id", UUID.class),
                                row.get("at", Instant.class),
                                Sql.enumOrNull(row.get("from_status", String.class), OrderStatus::valueOf),
                                OrderStatus.valueOf(row.get("to_status", String.class)),
                                row.get("actor_role", String.class),
                                row.get("actor_account_id", UUID.class),
                                row.get("reason", String.class))))
                .all();
    }

    /** A page of orders, newest first, of a family member's bound elders or of a set of communities. */
    Mono<Page<Order>> search(
            UUID familyAccountId, List<UUID> communities, UUID elderId, OrderStatus status, PageRequest page) {
        return PagedQuery.from("service_order o join elder e on e.id = o.elder_id")
                .where(
                        "exists (select 1 from family_binding b where b.elder_id = o.elder_id and b.status = 'ACTIVE'"
                                + " and b.family_account_id = :family)",
                        "family",
                        familyAccountId)
                .where(
                        "o.community_id = any(:communities)",
                        "communities",
                        communities == null ? null : communities.toArray(UUID[]::new))
                .where("o.elder_id = :elder", "elder", elderId)
                .where("o.status = :status", "status", status == null ? null : status.name())
                .fetch(db, COLUMNS, "o.placed_at desc, o.id", page, this::read);
    }

    /** A seat as the order query aggregates it, times in epoch milliseconds. */
    private record SeatRow(
            int seatNo,
            UUID providerId,
            String providerName,
            Long assignedAt,
            String assignedByRole,
            boolean checkInLocked,
            Long checkedInAt,
            Long checkedOutAt) {
        Order.Seat toSeat() {
            return new Order.Seat(
                    seatNo,
                    providerId,
                    providerName,
                    instant(assignedAt),
                    assignedByRole,
                    checkInLocked,
                    instant(checkedInAt),
                    instant(checkedOutAt));
        }

        private static Instant instant(Long millis) {
            return millis == null ? null : Instant.ofEpochMilli(millis);
        }
    }

    private List<Order.Seat> seats(Json seats) {
        if (seats == null) {
            return List.of();
        }
        return List.of(json.readValue(seats.asString(), SeatRow[].class)).stream()
                .map(SeatRow::toSeat)
                .toList();
    }

    private Order read(Readable row) {
        return new Order(
                row.get("id", UUID.class),
                row.get("elder_id", UUID.class),
                row.get("community_id", UUID.class),
                ServiceType.valueOf(row.get("service", String.class)),
                OrderStatus.valueOf(row.get("status", String.class)),
                Order.Channel.valueOf(row.get("channel", String.class)),
                row.get("placed_by", UUID.class),
                Order.Settlement.valueOf(row.get("settlement", String.class)),
                row.get("price_fen", Long.class),
                row.get("price_minutes", Integer.class),
                row.get("charged_minutes", Long.class),
                row.get("charged_account_id", UUID.class),
                row.get("duration_minutes", Integer.class),
                row.get("window_start", Instant.class),
                row.get("window_end", Instant.class),
                row.get("immediate", Boolean.class),
                row.get("notes", String.class),
                new Order.Requirements(
                        Sql.enumOrNull(row.get("caregiver_gender", String.class), Gender::valueOf),
                        row.get("two_caregivers", Boolean.class),
                        Sql.enumOrNull(row.get("language", String.class), Language::valueOf)),
                row.get("dispatch_due_at", Instant.class),
                row.get("placed_at", Instant.class),
                row.get("elder_name", String.class),
                seats(row.get("seats", Json.class)));
    }
}
