package cn.carecircle.api.providers;

import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.facts.RatingCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What providers' jobs say about them, for matching: the windows of jobs they hold (an overlapping order is not
 * theirs to take), today's load (fairness), and reliability — of the jobs they accepted in the last 90 days, how
 * many ended without their cancelling or not showing up.
 */
@Component
class ProviderWorkload {

    static final Duration RELIABILITY_PERIOD = Duration.ofDays(90);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record Workload(List<TimeWindow> busy, int jobsToday, RatingCounts reliability) {
        static final Workload NONE = new Workload(List.of(), 0, RatingCounts.NONE);
    }

    private final DatabaseClient db;
    private final Clock clock;

    ProviderWorkload(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Mono<Map<UUID, Workload>> of(Collection<UUID> providers) {
        if (providers.isEmpty()) {
            return Mono.just(Map.of());
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        Instant dayStart = today.atStartOfDay(CHINA).toInstant();
        Instant dayEnd = today.plusDays(1).atStartOfDay(CHINA).toInstant();
        UUID[] ids = providers.toArray(UUID[]::new);
        Mono<Map<UUID, List<TimeWindow>>> busy = db.sql("""
                        select s.provider_id, o.window_start, o.window_end from order_seat s
                        join service_order o on o.id = s.order_id
                        where s.provider_id = any(:ids) and s.checked_out_at is null
                            and o.status in ('MATCHING', 'ESCALATED', 'ASSIGNED', 'IN_SERVICE')
                        """)
                .bind("ids", ids)
                .map(row -> Map.entry(
                        row.get("provider_id", UUID.class),
                        new TimeWindow(row.get("window_start", Instant.class), row.get("window_end", Instant.class))))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(m -> {
                    Map<UUID, List<TimeWindow>> out = new HashMap<>();
                    m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
                    return out;
                });
        Mono<Map<UUID, long[]>> counts = db.sql("""
                        select p.id,
                            (select count(*) from order_seat s join service_order o on o.id = s.order_id
                                where s.provider_id = p.id and o.window_start >= :dayStart and o.window_start < :dayEnd
                                and o.status <> 'CANCELLED') as today,
                            (select count(*) from order_seat s
                                where s.provider_id = p.id and s.assigned_at >= :since) as held,
                            (select count(*) from provider_lapse l
                                where l.provider_id = p.id and l.at >= :since) as lapses
                        from provider p where p.id = any(:ids)
                        """)
                .bind("ids", ids)
                .bind("dayStart", dayStart)
                .bind("dayEnd", dayEnd)
                .bind("since", now.minus(RELIABILITY_PERIOD))
                .map(row -> Map.entry(row.get("id", UUID.class), new long[] {
                    row.get("today", Long.class), row.get("held", Long.class), row.get("lapses", Long.class)
                }))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(busy, counts).map(t -> {
            Map<UUID, Workload> out = new HashMap<>();
            t.getT2().forEach((id, c) -> {
                // a lapse frees the seat, so the jobs accepted are those still held plus those given up
                long accepted = c[1] + c[2];
                out.put(
                        id,
                        new Workload(
                                t.getT1().getOrDefault(id, List.of()), (int) c[0], new RatingCounts(c[1], accepted)));
            });
            return out;
        });
    }
}
