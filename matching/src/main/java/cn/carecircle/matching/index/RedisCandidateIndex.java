package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.RegionCode;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.travel.TravelTimeModel;
import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The production {@link CandidateIndex} on Redis (6.2 or later; no Redis 7-only command is used).
 *
 * <p>Per service and region three keys share one Cluster hash tag, so no command spans slots:
 *
 * <ul>
 *   <li>{@code <prefix>geo:{BATHING:150802}} — GEO set of provider ids, only the spatial pre-filter;
 *   <li>{@code <prefix>seen:{BATHING:150802}} — sorted set, score = last heartbeat in epoch millis;
 *   <li>{@code <prefix>pos:{BATHING:150802}} — hash, provider id → {@code MODE,lat,lon}: the travel
 *       mode and the original coordinates as reported (Redis keeps only a 52-bit geohash, which moves
 *       a point by up to about 0.6 m).
 * </ul>
 *
 * plus {@code <prefix>tags}, the set of {@code SERVICE:region} tags in use, which {@link #trimStale}
 * walks instead of scanning keys.
 *
 * <p><b>Search</b>: {@code GEOSEARCH} with the radius the {@link TravelTimeModel} gives for the limit
 * (the fastest mode's reach, divided by the detour factor), widened by 0.3 % and 2 m: Redis measures
 * on its own Earth radius (6,372,797.6 m, 0.03 % more than the model's mean radius) and on geohash
 * cell centres. Then {@code ZMSCORE} and {@code HMGET} for the members found, and the exact
 * travel-time filter on the original coordinates and mode. Recall and precision are therefore those
 * of a scan with the same model.
 *
 * <p><b>Presence</b> is the last-seen score compared with the injected {@link Clock}; nothing relies on
 * Redis TTLs and no timer runs per provider. {@link #trimStale} (for a periodic job) removes, per tag,
 * in one Lua script of {@code ZRANGEBYSCORE}, {@code ZREM} on the GEO and last-seen sets and
 * {@code HDEL}, stale members only — atomic per tag, so a heartbeat racing with the trim is never lost.
 *
 * <p><b>Heartbeats</b> go through a second, dedicated connection whose auto-flush is off: a batch
 * queues {@code GEOADD}, {@code ZADD} and {@code HSET} per service for up to
 * {@link RedisIndexSettings#pipelineBatch()} heartbeats, then {@code flushCommands()} writes them in
 * one go and the returned {@code Mono} completes when every reply has arrived. Auto-flush is a
 * connection-wide switch, which is why that connection must serve nothing else; concurrent batches on
 * it are safe, since every batch flushes after queueing its own commands. The writes of one
 * heartbeat are not a transaction: a search racing with it sees the old or the new position.
 */
public final class RedisCandidateIndex implements CandidateIndex, AutoCloseable {

    /** Relative widening of the search radius (Redis' Earth radius, models on other spheres). */
    static final double RADIUS_MARGIN_FACTOR = 1.003;
    /** Absolute widening of the search radius in metres (geohash cell error, about 0.6 m at most). */
    static final double RADIUS_MARGIN_METERS = 2.0;
    /** Redis GEO accepts latitudes up to ±85.05112878 (Web Mercator). */
    static final double MAX_GEO_LATITUDE = 85.05112878;

    private static final String TRIM_SCRIPT = """
            local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            if #stale > 0 then
              redis.call('ZREM', KEYS[2], unpack(stale))
              redis.call('HDEL', KEYS[3], unpack(stale))
              redis.call('ZREM', KEYS[1], unpack(stale))
            end
            return #stale
            """;

    private final StatefulRedisConnection<String, String> queryConnection;
    private final StatefulRedisConnection<String, String> pipelineConnection;
    private final RedisReactiveCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> pipeline;
    private final RedisIndexSettings settings;
    private final TravelTimeModel travelTime;
    private final Clock clock;

    /**
     * @param queryConnection a connection for searches and single updates; may be shared
     * @param pipelineConnection a connection used only by this index for heartbeat batches; its
     *     auto-flush is switched off here
     */
    public RedisCandidateIndex(
            StatefulRedisConnection<String, String> queryConnection,
            StatefulRedisConnection<String, String> pipelineConnection,
            RedisIndexSettings settings,
            TravelTimeModel travelTime,
            Clock clock) {
        if (queryConnection == pipelineConnection) {
            throw new IllegalArgumentException("the pipeline connection must be a dedicated connection");
        }
        this.queryConnection = Objects.requireNonNull(queryConnection);
        this.pipelineConnection = Objects.requireNonNull(pipelineConnection);
        this.settings = Objects.requireNonNull(settings);
        this.travelTime = Objects.requireNonNull(travelTime);
        this.clock = Objects.requireNonNull(clock);
        this.redis = queryConnection.reactive();
        this.pipelineConnection.setAutoFlushCommands(false);
        this.pipeline = pipelineConnection.async();
    }

    /** Opens its two connections on the client; {@link #close()} closes them. */
    public static RedisCandidateIndex open(
            RedisClient client, RedisIndexSettings settings, TravelTimeModel travelTime, Clock clock) {
        return new RedisCandidateIndex(client.connect(), client.connect(), settings, travelTime, clock);
    }

    @Override
    public void close() {
        pipelineConnection.close();
        queryConnection.close();
    }

    String tag(ServiceType service, String region) {
        return service.name() + ":" + region;
    }

    String geoKey(String tag) {
        return settings.keyPrefix() + "geo:{" + tag + "}";
    }

    String seenKey(String tag) {
        return settings.keyPrefix() + "seen:{" + tag + "}";
    }

    String posKey(String tag) {
        return settings.keyPrefix() + "pos:{" + tag + "}";
    }

    String tagsKey() {
        return settings.keyPrefix() + "tags";
    }

    @Override
    public Mono<Void> online(Heartbeat heartbeat) {
        return Flux.fromArray(ServiceType.values())
                .filter(service -> !heartbeat.services().contains(service))
                .flatMap(service -> remove(tag(service, heartbeat.region()), List.of(heartbeat.providerId())))
                .then(heartbeats(List.of(heartbeat)));
    }

    @Override
    public Mono<Void> heartbeats(List<Heartbeat> batch) {
        for (Heartbeat h : batch) {
            requireGeoLatitude(h.position());
        }
        return Mono.defer(() -> {
            if (batch.isEmpty()) {
                return Mono.empty();
            }
            long now = clock.millis();
            List<CompletableFuture<?>> replies = new ArrayList<>(batch.size() * 4);
            for (int from = 0; from < batch.size(); from += settings.pipelineBatch()) {
                List<Heartbeat> chunk = batch.subList(from, Math.min(batch.size(), from + settings.pipelineBatch()));
                Set<String> tags = new LinkedHashSet<>();
                for (Heartbeat h : chunk) {
                    String value = encode(h.mode(), h.position());
                    for (ServiceType service : h.services()) {
                        String tag = tag(service, h.region());
                        tags.add(tag);
                        replies.add(future(pipeline.geoadd(
                                geoKey(tag),
                                h.position().longitude(),
                                h.position().latitude(),
                                h.providerId())));
                        replies.add(future(pipeline.zadd(seenKey(tag), (double) now, h.providerId())));
                        replies.add(future(pipeline.hset(posKey(tag), h.providerId(), value)));
                    }
                }
                replies.add(future(pipeline.sadd(tagsKey(), tags.toArray(String[]::new))));
                pipelineConnection.flushCommands();
            }
            return Mono.fromFuture(CompletableFuture.allOf(replies.toArray(CompletableFuture<?>[]::new)));
        });
    }

    private static CompletableFuture<?> future(RedisFuture<?> future) {
        return future.toCompletableFuture();
    }

    @Override
    public Mono<Void> offline(String region, String providerId) {
        RegionCode.requireValid(region);
        return Flux.fromArray(ServiceType.values())
                .flatMap(service -> remove(tag(service, region), List.of(providerId)))
                .then();
    }

    private Mono<Void> remove(String tag, Collection<String> providerIds) {
        String[] members = providerIds.toArray(String[]::new);
        return Mono.when(
                redis.zrem(geoKey(tag), members), redis.zrem(seenKey(tag), members), redis.hdel(posKey(tag), members));
    }

    @Override
    public Flux<Candidate> search(CandidateQuery query) {
        return Flux.defer(() -> {
            double reach = travelTime.reachRadiusMeters(query.limitMinutes());
            if (reach < 0.0) {
                return Flux.empty();
            }
            double radius = reach * RADIUS_MARGIN_FACTOR + RADIUS_MARGIN_METERS;
            long cutoff = settings.presence().cutoffMillis(clock.millis());
            String tag = tag(query.service(), query.region());
            GeoPoint target = query.target();
            return redis.geosearch(
                            geoKey(tag),
                            GeoSearch.fromCoordinates(target.longitude(), target.latitude()),
                            GeoSearch.byRadius(radius, GeoArgs.Unit.m))
                    .collectList()
                    .flatMapMany(members -> {
                        if (members.isEmpty()) {
                            return Flux.empty();
                        }
                        String[] ids = members.toArray(String[]::new);
                        return Mono.zip(
                                        redis.zmscore(seenKey(tag), ids),
                                        redis.hmget(posKey(tag), ids).collectList())
                                .flatMapIterable(seenAndPos ->
                                        exactFilter(ids, seenAndPos.getT1(), seenAndPos.getT2(), cutoff, query));
                    });
        });
    }

    private List<Candidate> exactFilter(
            String[] ids, List<Double> seen, List<KeyValue<String, String>> positions, long cutoff, CandidateQuery q) {
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Double lastSeen = seen.get(i);
            KeyValue<String, String> pos = positions.get(i);
            if (lastSeen == null || lastSeen < cutoff || !pos.hasValue()) {
                continue;
            }
            LivePosition live = decode(ids[i], pos.getValue(), lastSeen);
            double minutes = travelTime.minutes(live.position(), q.target(), live.mode());
            if (minutes <= q.limitMinutes()) {
                found.add(new Candidate(ids[i], live.position(), live.mode(), minutes, live.lastSeen()));
            }
        }
        found.sort(Candidate.BY_TRAVEL_TIME);
        return found;
    }

    @Override
    public Mono<LivePosition> position(String region, ServiceType service, String providerId) {
        RegionCode.requireValid(region);
        String tag = tag(service, region);
        return Mono.defer(() -> {
            long cutoff = settings.presence().cutoffMillis(clock.millis());
            return Mono.zip(redis.zscore(seenKey(tag), providerId), redis.hget(posKey(tag), providerId))
                    .filter(t -> t.getT1() >= cutoff)
                    .map(t -> decode(providerId, t.getT2(), t.getT1()));
        });
    }

    @Override
    public Mono<Long> trimStale(Instant now) {
        String cutoff = Long.toString(settings.presence().cutoffMillis(now.toEpochMilli()));
        String batch = Integer.toString(settings.trimBatch());
        return redis.smembers(tagsKey())
                .concatMap(tag -> trimTag(tag, cutoff, batch)
                        .expand(removed -> removed == settings.trimBatch() ? trimTag(tag, cutoff, batch) : Mono.empty())
                        .reduce(0L, Long::sum))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> trimTag(String tag, String cutoff, String batch) {
        String[] keys = {seenKey(tag), geoKey(tag), posKey(tag)};
        return redis.<Long>eval(TRIM_SCRIPT, ScriptOutputType.INTEGER, keys, cutoff, batch)
                .next()
                .defaultIfEmpty(0L);
    }

    static String encode(TravelMode mode, GeoPoint position) {
        return mode.name() + "," + position.latitude() + "," + position.longitude();
    }

    static LivePosition decode(String providerId, String value, double lastSeenMillis) {
        int first = value.indexOf(',');
        int second = value.indexOf(',', first + 1);
        return new LivePosition(
                providerId,
                new GeoPoint(
                        Double.parseDouble(value.substring(first + 1, second)),
                        Double.parseDouble(value.substring(second + 1))),
                TravelMode.valueOf(value.substring(0, first)),
                Instant.ofEpochMilli((long) lastSeenMillis));
    }

    private static void requireGeoLatitude(GeoPoint p) {
        if (Math.abs(p.latitude()) > MAX_GEO_LATITUDE) {
            throw new IllegalArgumentException("Redis GEO cannot index latitude " + p.latitude());
        }
    }
}
