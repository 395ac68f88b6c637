package cn.carecircle.api.ratings;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The community's rating figures per service and month of completion: completed, rated and unrated orders, good
 * and bad ratings, follow-up cases, how many were called back and how many closed on time. Unrated orders are
 * never counted as good.
 */
@Component
class RatingStatistics {

    static final int MAX_MONTHS = 24;

    record Row(
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

        long unrated() {
            return completed - rated;
        }

        Double goodRate() {
            return rated == 0 ? null : (double) good / rated;
        }

        Double callBackRate() {
            return followUps == 0 ? null : (double) calledBack / followUps;
        }

        Double onTimeClosureRate() {
            return closedOrDue == 0 ? null : (double) closedOnTime / closedOrDue;
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
        String communities =
                caller.has(Role.ADMIN) && communityId == null ? "true" : "o.community_id = any(:communities)";
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
                .bind("zone", properties.zone().getId())
                .bind("now", clock.instant())
                .bind("from", first.toString())
                .bind("to", last.toString());
        if (!communities.equals("true")) {
            spec = spec.bind("communities", scope.toArray(UUID[]::new));
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
                .all()
                .collectList();
    }

    private static YearMonth month(String s) {
        try {
            return s == null ? null : YearMonth.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
