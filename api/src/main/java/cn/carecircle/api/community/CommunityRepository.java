package cn.carecircle.api.community;

import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.Sql;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class CommunityRepository {

    private static final String COLUMNS =
            "id, code, name, region_code, centre_lat, centre_lon, boundary, travel_time_limit_minutes, languages";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    CommunityRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<Community> findAll() {
        return db.sql("select " + COLUMNS + " from community order by code")
                .map(this::read)
                .all();
    }

    Flux<Community> findAllById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + COLUMNS + " from community where id = any(:ids) order by code")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(this::read)
                .all();
    }

    Mono<Community> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from community where id = :id")
                .bind("id", id)
                .map(this::read)
                .one();
    }

    Mono<Boolean> existsByCode(String code) {
        return db.sql("select 1 from community where code = :code")
                .bind("code", code)
                .map((row, meta) -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<Void> insert(Community c, Instant at) {
        var spec = db.sql("""
                        insert into community (id, code, name, region_code, centre_lat, centre_lon, boundary,
                                               travel_time_limit_minutes, languages, created_at)
                        values (:id, :code, :name, :region, :lat, :lon, :boundary, :limit, :languages, :at)
                        """)
                .bind("id", c.id())
                .bind("code", c.code())
                .bind("name", c.name())
                .bind("region", c.regionCode())
                .bind("lat", c.centre().lat())
                .bind("lon", c.centre().lon())
                .bind("limit", c.travelTimeLimitMinutes())
                .bind("languages", Sql.names(c.languages()))
                .bind("at", at);
        spec = Sql.bindNullable(
                spec,
                "boundary",
                c.boundary() == null ? null : Json.of(json.writeValueAsString(c.boundary())),
                Json.class);
        return spec.then();
    }

    private Community read(Readable row) {
        Json boundary = row.get("boundary", Json.class);
        return new Community(
                row.get("id", UUID.class),
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("region_code", String.class),
                new GeoPoint(row.get("centre_lat", Double.class), row.get("centre_lon", Double.class)),
                boundary == null ? null : json.readValue(boundary.asString(), MAP),
                row.get("travel_time_limit_minutes", Integer.class),
                Sql.enumSet(row.get("languages", String[].class), Language.class));
    }
}
