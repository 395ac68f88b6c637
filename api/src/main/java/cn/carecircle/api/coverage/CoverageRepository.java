package cn.carecircle.api.coverage;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The elders coverage counts, and the stored results: each community's latest snapshot and monthly figures. */
@Repository
class CoverageRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    CoverageRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<CoverageCalculator.ElderHome> elders(UUID communityId) {
        return db.sql("""
                        select id, name, home_lat, home_lon, bathing_gender_preference
                        from elder where community_id = :c order by name, id
                        """)
                .bind("c", communityId)
                .map((row, meta) -> {
                    String preference = row.get("bathing_gender_preference", String.class);
                    return new CoverageCalculator.ElderHome(
                            row.get("id", UUID.class),
                            row.get("name", String.class),
                            GeoPoint.of(row.get("home_lat", Double.class), row.get("home_lon", Double.class)),
                            preference == null ? null : Gender.valueOf(preference));
                })
                .all();
    }

    Mono<Coverage> snapshot(UUID communityId) {
        return db.sql("select snapshot from coverage_snapshot where community_id = :c")
                .bind("c", communityId)
                .map((row, meta) ->
                        json.readValue(row.get("snapshot", Json.class).asString(), Coverage.class))
                .one();
    }

    /** Replaces the community's snapshot and the figures of the month it was computed in. */
    Mono<Void> store(Coverage coverage, YearMonth month) {
        Mono<Void> snapshot = db.sql("""
                        insert into coverage_snapshot (community_id, computed_at, snapshot) values (:c, :at, :s)
                        on conflict (community_id) do update
                            set computed_at = excluded.computed_at, snapshot = excluded.snapshot
                        """)
                .bind("c", coverage.communityId())
                .bind("at", coverage.computedAt())
                .bind("s", Json.of(json.writeValueAsString(coverage)))
                .then();
        Mono<Void> figures = Flux.fromIterable(coverage.services())
                .concatMap(s -> db.sql("""
                                insert into coverage_figure (community_id, service, month, computed_at,
                                    travel_limit_minutes, elders, covered)
                                values (:c, :service, :month, :at, :limit, :elders, :covered)
                                on conflict (community_id, service, month) do update
                                    set computed_at = excluded.computed_at,
                                        travel_limit_minutes = excluded.travel_limit_minutes,
                                        elders = excluded.elders, covered = excluded.covered
                                """)
                        .bind("c", coverage.communityId())
                        .bind("service", s.service().name())
                        .bind("month", month.atDay(1))
                        .bind("at", coverage.computedAt())
                        .bind("limit", coverage.travelLimitMinutes())
                        .bind("elders", s.elders())
                        .bind("covered", s.covered())
                        .then())
                .then();
        return snapshot.then(figures);
    }

    Flux<Coverage.Figure> figures(Collection<UUID> communityIds, YearMonth month) {
        return db.sql("""
                        select community_id, service, elders, covered, computed_at from coverage_figure
                        where community_id = any(:c) and month = :month
                        """)
                .bind("c", communityIds.toArray(UUID[]::new))
                .bind("month", month.atDay(1))
                .map((row, meta) -> new Coverage.Figure(
                        row.get("community_id", UUID.class),
                        ServiceType.valueOf(row.get("service", String.class)),
                        row.get("elders", Integer.class),
                        row.get("covered", Integer.class),
                        row.get("computed_at", Instant.class)))
                .all();
    }
}
