package cn.carecircle.api.reports;

import cn.carecircle.api.common.ServiceType;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Read-only aggregates over the orders' and the time bank's tables for one period [from, until). Rows with a null
 * community are the total over all the given communities (grouping sets), so that distinct counts and percentiles
 * of a district are computed over the district, not added up.
 */
@Repository
class ReportRepository {

    private final DatabaseClient db;

    ReportRepository(DatabaseClient db) {
        this.db = db;
    }

    record Placed(UUID communityId, ServiceType service, String channel, long orders) {}

    Flux<Placed> placed(Collection<UUID> communities, Instant from, Instant until) {
        return db.sql("""
                        select community_id, service, channel, count(*) as orders
                        from service_order
                        where community_id = any(:c) and placed_at >= :from and placed_at < :until
                        group by community_id, service, channel
                        """)
                .bind("c", communities.toArray(UUID[]::new))
                .bind("from", from)
                .bind("until", until)
                .map((row, meta) -> new Placed(
                        row.get("community_id", UUID.class),
                        ServiceType.valueOf(row.get("service", String.class)),
                        row.get("channel", String.class),
                        row.get("orders", Long.class)))
                .all();
    }

    record Outcomes(UUID communityId, long eldersServed, long completed, long cancelled, long escalated) {}

    Flux<Outcomes> outcomes(Collection<UUID> communities, Instant from, Instant until) {
        return db.sql("""
                        select o.community_id,
                            count(distinct o.elder_id) filter (where e.to_status = 'COMPLETED') as elders_served,
                            count(distinct e.order_id) filter (where e.to_status = 'COMPLETED') as completed,
                            count(distinct e.order_id) filter (where e.to_status = 'CANCELLED') as cancelled,
                            count(distinct e.order_id) filter (where e.to_status = 'ESCALATED') as escalated
                        from order_event e join service_order o on o.id = e.order_id
                        where o.community_id = any(:c) and e.at >= :from and e.at < :until
                        group by grouping sets ((o.community_id), ())
                        """)
                .bind("c", communities.toArray(UUID[]::new))
                .bind("from", from)
                .bind("until", until)
                .map((row, meta) -> new Outcomes(
                        row.get("community_id", UUID.class),
                        row.get("elders_served", Long.class),
                        row.get("completed", Long.class),
                        row.get("cancelled", Long.class),
                        row.get("escalated", Long.class)))
                .all();
    }

    record AssignmentTimes(UUID communityId, long orders, Double median, Double p90) {}

    /** Orders first assigned in the period: minutes from their first MATCHING to their first ASSIGNED. */
    Flux<AssignmentTimes> assignmentTimes(Collection<UUID> communities, Instant from, Instant until) {
        return db.sql("""
                        with firsts as (
                            select o.id, o.community_id,
                                min(e.at) filter (where e.to_status = 'MATCHING') as matching_at,
                                min(e.at) filter (where e.to_status = 'ASSIGNED') as assigned_at
                            from service_order o join order_event e on e.order_id = o.id
                            where o.community_id = any(:c)
                              and exists (select 1 from order_event a where a.order_id = o.id
                                          and a.to_status = 'ASSIGNED' and a.at >= :from and a.at < :until)
                            group by o.id, o.community_id)
                        select community_id, count(*) as orders,
                            percentile_cont(0.5) within group (
                                order by (extract(epoch from assigned_at - matching_at) / 60.0)::float8) as median,
                            percentile_cont(0.9) within group (
                                order by (extract(epoch from assigned_at - matching_at) / 60.0)::float8) as p90
                        from firsts
                        where assigned_at >= :from and assigned_at < :until and matching_at is not null
                        group by grouping sets ((community_id), ())
                        """)
                .bind("c", communities.toArray(UUID[]::new))
                .bind("from", from)
                .bind("until", until)
                .map(ReportRepository::readTimes)
                .all();
    }

    private static AssignmentTimes readTimes(Readable row) {
        return new AssignmentTimes(
                row.get("community_id", UUID.class),
                row.get("orders", Long.class),
                row.get("median", Double.class),
                row.get("p90", Double.class));
    }

    record TimeBankMinutes(UUID communityId, long issued, long redeemed) {}

    /**
     * Minutes the communities' pools issued (to volunteers) and took back (redemptions, net of the refunds of
     * cancelled orders) in the period.
     */
    Flux<TimeBankMinutes> timeBank(Collection<UUID> communities, Instant from, Instant until) {
        return db.sql("""
                        select a.holder_id as community_id,
                            coalesce(sum(-l.minutes) filter (where p.kind = 'ISSUE'), 0)::bigint as issued,
                            coalesce(sum(l.minutes) filter (where p.kind in ('REDEEM', 'REFUND')), 0)::bigint
                                as redeemed
                        from timebank_account a
                            join timebank_leg l on l.account_id = a.id
                            join timebank_posting p on p.id = l.posting_id
                        where a.kind = 'POOL' and a.holder_id = any(:c) and p.posted_at >= :from and p.posted_at < :until
                        group by a.holder_id
                        """)
                .bind("c", communities.toArray(UUID[]::new))
                .bind("from", from)
                .bind("until", until)
                .map((row, meta) -> new TimeBankMinutes(
                        row.get("community_id", UUID.class),
                        row.get("issued", Long.class),
                        row.get("redeemed", Long.class)))
                .all();
    }

    record SubsidySpent(UUID communityId, long spentFen, long orders, long elders) {}

    /**
     * The subsidy fund's postings in the month (posting time), per order: what it paid out (SUBSIDY_HOLD) less what
     * came back (SUBSIDY_RETURN); an order counts when it comes out above zero.
     */
    Flux<SubsidySpent> subsidy(Collection<UUID> communities, Instant from, Instant until) {
        return db.sql("""
                        select community_id, coalesce(sum(net), 0)::bigint as spent,
                            count(*) filter (where net > 0) as orders,
                            count(distinct elder_id) filter (where net > 0) as elders
                        from (
                            select p.community_id, p.order_id, o.elder_id, sum(-l.amount_fen) as net
                            from money_posting p
                                join money_leg l on l.posting_id = p.id
                                join money_account a on a.id = l.account_id and a.kind = 'SUBSIDY_FUND'
                                join service_order o on o.id = p.order_id
                            where p.community_id = any(:c) and p.posted_at >= :from and p.posted_at < :until
                            group by p.community_id, p.order_id, o.elder_id) per_order
                        group by community_id
                        """)
                .bind("c", communities.toArray(UUID[]::new))
                .bind("from", from)
                .bind("until", until)
                .map((row, meta) -> new SubsidySpent(
                        row.get("community_id", UUID.class),
                        row.get("spent", Long.class),
                        row.get("orders", Long.class),
                        row.get("elders", Long.class)))
                .all();
    }
}
