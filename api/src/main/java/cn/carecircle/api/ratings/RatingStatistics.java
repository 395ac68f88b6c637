package cn.carecircle.api.ratings;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The community's rating figures per service and month of completion: completed, rated and unrated orders, good
 * and bad ratings, follow-up cases, how many were called back and how many closed on time. Unrated orders are
 * never counted as good. The same query serves the rating statistics endpoint and the monthly reports.
 *
 * <p>The order's completion (its check-out: {@code completed_at}, else its last COMPLETED event) decides the month
 * of every figure of a row, the rating and the follow-up case included: a rating given early in the next month, or
 * a case opened then, counts for the month the order was completed in. Orders count while COMPLETED, CONFIRMED or
 * DISPUTED, so an order cancelled after a dispute leaves the figures. Whether a case is due is judged at the time
 * given ({@code asOf}: now).
 */
@Component
public class RatingStatistics {

    static final int MAX_MONTHS = 24;

    /** The figures of one community, service and month. */
    public record Row(
            UUID communityId,
            String communityName,
            ServiceType service,
            String month,
            long completed,
            long rated,
            long good,
            long bad,
            long followUps,
            long calledBack,
            long closedOnTime,
            long closedOrDue) {

        public Counts counts() {
            return new Counts(completed, rated, good, bad, followUps, calledBack, closedOnTime, closedOrDue);
        }

        long unrated() {
            return counts().unrated();
        }

        Double goodRate() {
            return counts().goodRate();
        }

        Double callBackRate() {
            return counts().callBackRate();
        }

        Double onTimeClosureRate() {
            return counts().onTimeClosureRate();
        }
    }

    /**
     * The counts of a row, or the sum of several (every count is of distinct orders or cases, so sums over
     * services and communities are exact), and the rates they give.
     *
     * @param completed orders completed in the month
     * @param rated those of them rated
     * @param good rated 非常满意, 满意 or 基本满意
     * @param bad rated 不满意 or 非常不满意 (差评)
     * @param followUps the follow-up cases of the bad ratings
     * @param calledBack cases with at least one call-back attempt recorded
     * @param closedOnTime cases closed by their due time
     * @param closedOrDue cases closed, or open past their due time
     */
    public record Counts(
            long completed,
            long rated,
            long good,
            long bad,
            long followUps,
            long calledBack,
            long closedOnTime,
            long closedOrDue) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(
                    completed + o.completed,
                    rated + o.rated,
                    good + o.good,
                    bad + o.bad,
                    followUps + o.followUps,
                    calledBack + o.calledBack,
                    closedOnTime + o.closedOnTime,
                    closedOrDue + o.closedOrDue);
        }

        /** Completed orders nobody rated: never counted as good. */
        public long unrated() {
            return completed - rated;
        }

        /** good ÷ rated; null when nothing was rated. */
        public Double goodRate() {
            return share(good, rated);
        }

        /** calledBack ÷ followUps (the target is every case); null without cases. */
        public Double callBackRate() {
            return share(calledBack, followUps);
        }

        /** closedOnTime ÷ closedOrDue; null when no case is closed or due yet. */
        public Double onTimeClosureRate() {
            return share(closedOnTime, closedOrDue);
        }

        private static Double share(long part, long whole) {
            return whole == 0 ? null : (double) part / whole;
        }
    }

    private final DatabaseClient db;
    private final RatingsProperties properties;
    private final Clock clock;

    RatingStatistics(DatabaseClient db, RatingsProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<List<Row>> of(Caller caller, UUID communityId, String from, String to) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
        YearMonth first = month(from);
        YearMonth last = month(to);
        Violations v = new Violations();
        v.check(first != null, "from", "year-month", "must be a month, YYYY-MM");
        v.check(last != null, "to", "year-month", "must be a month, YYYY-MM");
        if (first != null && last != null) {
            v.check(!last.isBefore(first), "to", "not-before-from", "must not be before from");
            v.check(
                    !last.isAfter(first.plusMonths(MAX_MONTHS - 1L)),
                    "to",
                    "at-most-24-months",
                    "at most " + MAX_MONTHS + " months at once");
        }
        v.throwIfAny();
        List<UUID> scope = communityId == null
                ? List.copyOf(caller.communityIds())
                : caller.covers(communityId) ? List.of(communityId) : List.of();
        // the operator covers every community
        boolean everyCommunity = caller.has(Role.ADMIN) && communityId == null;
        return rows(everyCommunity ? null : scope, first, last, properties.zone(), clock.instant())
                .collectList();
    }

    /**
     * The rows of these communities for one month, the month's bounds taken in {@code zone}, and cases judged due
     * at {@code asOf}; for the monthly reports.
     */
    public Flux<Row> figures(Collection<UUID> communityIds, YearMonth month, ZoneId zone, Instant asOf) {
        return communityIds.isEmpty() ? Flux.empty() : rows(communityIds, month, month, zone, asOf);
    }

    /** @param communityIds null for every community */
    private Flux<Row> rows(Collection<UUID> communityIds, YearMonth first, YearMonth last, ZoneId zone, Instant asOf) {
        String communities = communityIds == null ? "true" : "o.community_id = any(:communities)";
        var spec = db.sql("""
                        with done as (
                            select o.id, o.community_id, o.service,
                                to_char(coalesce(o.completed_at, (select max(e.at) from order_event e
                                    where e.order_id = o.id and e.to_status = 'COMPLETED')) at time zone :zone,
                                    'YYYY-MM') as month
                            from service_order o
                            where o.status in ('COMPLETED', 'CONFIRMED', 'DISPUTED') and %s)
                        select d.community_id, c.name as community_name, d.service, d.month,
                            count(*) as completed,
                            count(r.id) as rated,
                            count(r.id) filter (where not r.bad) as good,
                            count(r.id) filter (where r.bad) as bad,
                            count(f.id) as follow_ups,
                            count(f.id) filter (where exists (select 1 from follow_up_call fc where fc.case_id = f.id))
                                as called_back,
                            count(f.id) filter (where f.closed_at is not null and f.closed_at <= f.due_at)
                                as closed_on_time,
                            count(f.id) filter (where f.closed_at is not null or f.due_at <= :now) as closed_or_due
                        from done d
                        join community c on c.id = d.community_id
                        left join rating r on r.order_id = d.id
                        left join follow_up_case f on f.rating_id = r.id
                        where d.month between :from and :to
                        group by d.community_id, c.name, d.service, d.month
                        order by d.month, c.name, d.service
                        """.formatted(communities))
                .bind("zone", zone.getId())
                .bind("now", asOf)
                .bind("from", first.toString())
                .bind("to", last.toString());
        if (communityIds != null) {
            spec = spec.bind("communities", communityIds.toArray(UUID[]::new));
        }
        return spec.map(row -> new Row(
                        row.get("community_id", UUID.class),
                        row.get("community_name", String.class),
                        ServiceType.valueOf(row.get("service", String.class)),
                        row.get("month", String.class),
                        row.get("completed", Long.class),
                        row.get("rated", Long.class),
                        row.get("good", Long.class),
                        row.get("bad", Long.class),
                        row.get("follow_ups", Long.class),
                        row.get("called_back", Long.class),
                        row.get("closed_on_time", Long.class),
                        row.get("closed_or_due", Long.class)))
                .all();
    }

    private static YearMonth month(String s) {
        try {
            return s == null ? null : YearMonth.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
