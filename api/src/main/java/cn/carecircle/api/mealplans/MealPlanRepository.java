package cn.carecircle.api.mealplans;

import cn.carecircle.api.common.Sql;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MealPlanRepository {

    private final DatabaseClient db;

    MealPlanRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(MealPlan p) {
        return Sql.bindNullable(
                        db.sql("""
                                insert into meal_plan (id, elder_id, community_id, canteen_id, placed_by, channel,
                                    settlement, days, first_day, last_day, window_start, window_minutes,
                                    duration_minutes, notes, status, created_through, due_at, placed_at)
                                values (:id, :elder, :community, :canteen, :placedBy, :channel, :settlement, :days,
                                    :first, :last, :start, :windowMinutes, :duration, :notes, :status, null, null, :at)
                                """)
                                .bind("id", p.id())
                                .bind("elder", p.elderId())
                                .bind("community", p.communityId())
                                .bind("canteen", p.canteenId())
                                .bind("placedBy", p.placedBy())
                                .bind("channel", p.channel().name())
                                .bind("settlement", p.settlement().name())
                                .bind("days", p.days().name())
                                .bind("first", p.firstDay())
                                .bind("last", p.lastDay())
                                .bind("start", p.windowStart())
                                .bind("windowMinutes", p.windowMinutes())
                                .bind("duration", p.durationMinutes())
                                .bind("status", p.status().name())
                                .bind("at", p.placedAt()),
                        "notes",
                        p.notes(),
                        String.class)
                .then();
    }

    Mono<MealPlan> findById(UUID id) {
        return db.sql("select * from meal_plan where id = :id")
                .bind("id", id)
                .map(MealPlanRepository::plan)
                .one();
    }

    /** The plan, locked against the rolling creation and other changes until the transaction ends. */
    Mono<MealPlan> lock(UUID id) {
        return db.sql("select * from meal_plan where id = :id for update")
                .bind("id", id)
                .map(MealPlanRepository::plan)
                .one();
    }

    Flux<MealPlan> ofElder(UUID elderId) {
        return db.sql("select * from meal_plan where elder_id = :elder order by placed_at desc")
                .bind("elder", elderId)
                .map(MealPlanRepository::plan)
                .all();
    }

    /** Active plans whose next days are due, locked for this instance only. */
    Flux<MealPlan> claimDue(Instant now, int limit) {
        return Transactions.readFully(db.sql("""
                        select * from meal_plan
                        where status = 'ACTIVE' and due_at <= :now
                        order by due_at limit :limit
                        for update skip locked
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(MealPlanRepository::plan)
                .all());
    }

    Mono<Void> update(UUID id, MealPlan.Status status, LocalDate createdThrough, Instant dueAt) {
        var spec = db.sql("""
                        update meal_plan set status = :status, created_through = :through, due_at = :due
                        where id = :id
                        """).bind("id", id).bind("status", status.name());
        spec = Sql.bindNullable(spec, "through", createdThrough, LocalDate.class);
        spec = Sql.bindNullable(spec, "due", dueAt, Instant.class);
        return spec.then();
    }

    /** The first day the payer's minutes did not cover, or null when they covered every day created. */
    Mono<Void> shortOfMinutesFrom(UUID id, LocalDate day) {
        return Sql.bindNullable(
                        db.sql("update meal_plan set short_of_minutes_from = :day where id = :id")
                                .bind("id", id),
                        "day",
                        day,
                        LocalDate.class)
                .then();
    }

    /** The days from {@code from} to {@code to} that already have an order that is not cancelled. */
    Flux<LocalDate> liveDays(UUID planId, LocalDate from, LocalDate to) {
        return db.sql("""
                        select plan_day from service_order
                        where meal_plan_id = :plan and plan_day between :from and :to and status <> 'CANCELLED'
                        """)
                .bind("plan", planId)
                .bind("from", from)
                .bind("to", to)
                .map(row -> row.get("plan_day", LocalDate.class))
                .all();
    }

    /** Occurrences from {@code from} on that are not cancelled, earliest first. */
    Flux<MealPlan.Occurrence> upcoming(UUID planId, LocalDate from) {
        return db.sql("""
                        select plan_day, id, status from service_order
                        where meal_plan_id = :plan and plan_day >= :from and status <> 'CANCELLED'
                        order by plan_day
                        """)
                .bind("plan", planId)
                .bind("from", from)
                .map(row -> new MealPlan.Occurrence(
                        row.get("plan_day", LocalDate.class),
                        row.get("id", UUID.class),
                        OrderStatus.valueOf(row.get("status", String.class))))
                .all();
    }

    /** Occurrences whose window starts after {@code now} and that nobody has begun to serve. */
    Flux<UUID> unservedAfter(UUID planId, Instant now) {
        return Transactions.readFully(db.sql("""
                        select id from service_order
                        where meal_plan_id = :plan and window_start > :now
                          and status in ('REQUESTED', 'MATCHING', 'ESCALATED', 'ASSIGNED')
                        order by plan_day
                        """)
                .bind("plan", planId)
                .bind("now", now)
                .map(row -> row.get("id", UUID.class))
                .all());
    }

    private static MealPlan plan(Readable row) {
        return new MealPlan(
                row.get("id", UUID.class),
                row.get("elder_id", UUID.class),
                row.get("community_id", UUID.class),
                row.get("canteen_id", UUID.class),
                row.get("placed_by", UUID.class),
                Order.Channel.valueOf(row.get("channel", String.class)),
                Order.Settlement.valueOf(row.get("settlement", String.class)),
                MealPlan.Days.valueOf(row.get("days", String.class)),
                row.get("first_day", LocalDate.class),
                row.get("last_day", LocalDate.class),
                row.get("window_start", LocalTime.class),
                row.get("window_minutes", Integer.class),
                row.get("duration_minutes", Integer.class),
                row.get("notes", String.class),
                MealPlan.Status.valueOf(row.get("status", String.class)),
                row.get("created_through", LocalDate.class),
                row.get("short_of_minutes_from", LocalDate.class),
                row.get("due_at", Instant.class),
                row.get("placed_at", Instant.class));
    }
}
