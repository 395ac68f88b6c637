package cn.carecircle.api.timebank;

import cn.carecircle.api.common.Sql;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The refusals of earning caps, and the queries behind the collusion signals. They read the ledger with the orders,
 * visits, providers and elders it refers to; names leave here in clear only to be masked by the signals.
 */
@Repository
class SignalRepository {

    private final DatabaseClient db;

    SignalRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> recordRefusal(
            UUID communityId, UUID accountId, String rule, long minutes, UUID referenceId, Instant at) {
        return Sql.bindNullable(
                        db.sql("""
                                insert into timebank_cap_refusal (id, community_id, account_id, rule, minutes,
                                    reference_id, refused_at)
                                values (:id, :community, :account, :rule, :minutes, :ref, :at)
                                """)
                                .bind("id", UUID.randomUUID())
                                .bind("community", communityId)
                                .bind("account", accountId)
                                .bind("rule", rule)
                                .bind("minutes", minutes)
                                .bind("at", at),
                        "ref",
                        referenceId,
                        UUID.class)
                .then();
    }

    /** A volunteer's earnings in the window, and the part of them from one elder's orders. */
    record Concentration(
            UUID timeBankAccountId,
            UUID accountId,
            UUID providerId,
            String volunteerName,
            long earnedMinutes,
            int earnedPostings,
            UUID elderId,
            UUID elderTimeBankAccountId,
            String elderName,
            long pairMinutes,
            int pairPostings,
            List<UUID> orderIds) {}

    /**
     * Volunteer and elder pairs where the elder's orders gave the volunteer at least {@code minPostings} postings
     * and {@code sharePercent} % of what they earned in the community since {@code since}. The pool's issuances
     * for orders refer to the order; those for offline hours count in the volunteer's total only.
     */
    Flux<Concentration> concentrations(UUID communityId, Instant since, int minPostings, int sharePercent) {
        return db.sql("""
                        with earned as (
                            select l.account_id, l.minutes, p.reference_id, p.posted_at
                            from timebank_posting p join timebank_leg l on l.posting_id = p.id and l.minutes > 0
                            where p.community_id = :c and p.kind = 'ISSUE' and p.posted_at >= :since
                        ), totals as (
                            select account_id, sum(minutes)::bigint as minutes, count(*)::int as postings
                            from earned group by account_id
                        ), pairs as (
                            select e.account_id, o.elder_id, sum(e.minutes)::bigint as minutes,
                                count(*)::int as postings,
                                array_agg(o.id order by e.posted_at desc) as orders
                            from earned e join service_order o on o.id = e.reference_id
                            group by e.account_id, o.elder_id
                        )
                        select t.account_id, a.holder_id, pv.id as provider_id,
                            coalesce(pv.display_name, ac.display_name) as volunteer_name,
                            t.minutes as earned_minutes, t.postings as earned_postings,
                            pr.elder_id, ea.id as elder_account_id, el.name as elder_name,
                            pr.minutes as pair_minutes, pr.postings as pair_postings, pr.orders
                        from pairs pr
                            join totals t on t.account_id = pr.account_id
                            join timebank_account a on a.id = pr.account_id
                            join account ac on ac.id = a.holder_id
                            left join provider pv on pv.account_id = a.holder_id
                            join elder el on el.id = pr.elder_id
                            left join timebank_account ea on ea.holder_type = 'ELDER' and ea.holder_id = pr.elder_id
                        where a.holder_type = 'ACCOUNT' and pr.postings >= :minPostings
                            and pr.minutes * 100 >= :share * t.minutes
                        order by pr.minutes * 100.0 / t.minutes desc, pr.minutes desc
                        """)
                .bind("c", communityId)
                .bind("since", since)
                .bind("minPostings", minPostings)
                .bind("share", sharePercent)
                .map(row -> new Concentration(
                        row.get("account_id", UUID.class),
                        row.get("holder_id", UUID.class),
                        row.get("provider_id", UUID.class),
                        row.get("volunteer_name", String.class),
                        row.get("earned_minutes", Long.class),
                        row.get("earned_postings", Integer.class),
                        row.get("elder_id", UUID.class),
                        row.get("elder_account_id", UUID.class),
                        row.get("elder_name", String.class),
                        row.get("pair_minutes", Long.class),
                        row.get("pair_postings", Integer.class),
                        newest(row.get("orders", UUID[].class))))
                .all();
    }

    /** The orders a signal shows, newest first: at most 20. */
    private static List<UUID> newest(UUID[] orders) {
        return Arrays.stream(orders).limit(20).toList();
    }

    /** A volunteer's refusals by earning caps in the window. */
    record Refusals(
            UUID timeBankAccountId,
            UUID accountId,
            UUID providerId,
            String volunteerName,
            int refusals,
            long minutes,
            List<String> rules,
            List<UUID> orderIds) {}

    Flux<Refusals> refusals(UUID communityId, Instant since, int minCount) {
        return db.sql("""
                        select r.account_id, a.holder_id, pv.id as provider_id,
                            coalesce(pv.display_name, ac.display_name) as volunteer_name,
                            count(*)::int as refusals, sum(r.minutes)::bigint as minutes,
                            array_agg(distinct r.rule) as rules,
                            coalesce(array_agg(o.id order by r.refused_at desc) filter (where o.id is not null), '{}') as orders
                        from timebank_cap_refusal r
                            join timebank_account a on a.id = r.account_id
                            join account ac on ac.id = a.holder_id
                            left join provider pv on pv.account_id = a.holder_id
                            left join service_order o on o.id = r.reference_id
                        where r.community_id = :c and r.refused_at >= :since and a.holder_type = 'ACCOUNT'
                        group by r.account_id, a.holder_id, pv.id, pv.display_name, ac.display_name
                        having count(*) >= :min
                        order by count(*) desc, sum(r.minutes) desc
                        """)
                .bind("c", communityId)
                .bind("since", since)
                .bind("min", minCount)
                .map(row -> new Refusals(
                        row.get("account_id", UUID.class),
                        row.get("holder_id", UUID.class),
                        row.get("provider_id", UUID.class),
                        row.get("volunteer_name", String.class),
                        row.get("refusals", Integer.class),
                        row.get("minutes", Long.class),
                        List.of(row.get("rules", String[].class)),
                        newest(row.get("orders", UUID[].class))))
                .all();
    }

    /** A check-in of a provider with the one before it. */
    record ConsecutiveCheckIns(
            UUID providerId,
            UUID accountId,
            String providerName,
            boolean volunteer,
            UUID previousOrderId,
            UUID previousElderId,
            String previousElderName,
            Instant previousCheckedInAt,
            Instant previousCheckedOutAt,
            double previousLat,
            double previousLon,
            UUID orderId,
            UUID elderId,
            String elderName,
            Instant checkedInAt,
            double lat,
            double lon) {}

    /**
     * Each check-in since {@code since} of the providers who checked in at the community's orders, with the same
     * provider's check-in before it (also since then), where either visit is the community's.
     */
    Flux<ConsecutiveCheckIns> consecutiveCheckIns(UUID communityId, Instant since) {
        return db.sql("""
                        with visits as (
                            select s.provider_id, s.order_id, o.community_id, o.elder_id, s.checked_in_at,
                                s.checked_out_at, s.check_in_lat, s.check_in_lon,
                                lag(s.order_id) over w as prev_order_id,
                                lag(o.community_id) over w as prev_community_id,
                                lag(o.elder_id) over w as prev_elder_id,
                                lag(s.checked_in_at) over w as prev_checked_in_at,
                                lag(s.checked_out_at) over w as prev_checked_out_at,
                                lag(s.check_in_lat) over w as prev_lat,
                                lag(s.check_in_lon) over w as prev_lon
                            from order_seat s join service_order o on o.id = s.order_id
                            where s.checked_in_at >= :since and s.check_in_lat is not null
                                and s.provider_id in (
                                    select s2.provider_id from order_seat s2
                                        join service_order o2 on o2.id = s2.order_id
                                    where o2.community_id = :c and s2.checked_in_at >= :since)
                            window w as (partition by s.provider_id order by s.checked_in_at, s.order_id)
                        )
                        select v.provider_id, p.account_id, p.display_name, p.kind, v.prev_order_id,
                            v.prev_elder_id, pe.name as prev_elder_name, v.prev_checked_in_at,
                            v.prev_checked_out_at, v.prev_lat, v.prev_lon, v.order_id, v.elder_id,
                            e.name as elder_name, v.checked_in_at, v.check_in_lat, v.check_in_lon
                        from visits v
                            join provider p on p.id = v.provider_id
                            join elder e on e.id = v.elder_id
                            join elder pe on pe.id = v.prev_elder_id
                        where v.prev_order_id is not null and (v.community_id = :c or v.prev_community_id = :c)
                        order by v.checked_in_at desc
                        """)
                .bind("c", communityId)
                .bind("since", since)
                .map(row -> new ConsecutiveCheckIns(
                        row.get("provider_id", UUID.class),
                        row.get("account_id", UUID.class),
                        row.get("display_name", String.class),
                        "VOLUNTEER".equals(row.get("kind", String.class)),
                        row.get("prev_order_id", UUID.class),
                        row.get("prev_elder_id", UUID.class),
                        row.get("prev_elder_name", String.class),
                        row.get("prev_checked_in_at", Instant.class),
                        row.get("prev_checked_out_at", Instant.class),
                        row.get("prev_lat", Double.class),
                        row.get("prev_lon", Double.class),
                        row.get("order_id", UUID.class),
                        row.get("elder_id", UUID.class),
                        row.get("elder_name", String.class),
                        row.get("checked_in_at", Instant.class),
                        row.get("check_in_lat", Double.class),
                        row.get("check_in_lon", Double.class)))
                .all();
    }
}
