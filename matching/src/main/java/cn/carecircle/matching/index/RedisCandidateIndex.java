package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.RegionCode;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.travel.TravelTimeModel;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
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
 * <p><b>Search</b>: one Lua script (read-only, all keys in one slot, loaded once and called by
 * {@code EVALSHA}): {@code GEOSEARCH ... WITHDIST} with the radius the {@link TravelTimeModel} gives
 * for the limit (the fastest mode's reach, divided by the detour factor), widened by 0.3 % and 2 m —
 * Redis measures on its own Earth radius (6,372,797.6 m, 0.03 % more than the model's mean radius)
 * and on geohash cell centres; then {@code ZMSCORE} (presence) and {@code HMGET} (mode, original
 * coordinates) for the members found, dropping absent members and those beyond their own mode's
 * widened reach. The client then applies the exact travel-time filter on the original coordinates.
 * Every pre-filter is conservative, so recall and precision are those of a scan with the same model.
 * One round trip per search: the members never travel to the client twice.
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

    /**
     * KEYS geo, seen, pos; ARGV lon, lat, radius, presence cutoff, then the widened reach per travel
     * mode in {@link TravelMode} order. Returns id, stored value, last-seen for every present member
     * within its mode's reach: a conservative pre-filter, the exact one runs on the client.
     * ZMSCORE and HMGET are called in chunks, as Lua's unpack takes at most a few thousand values.
     */
    private static final String SEARCH_SCRIPT = """
            local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'm', 'WITHDIST')
            local out = {}
            if #found == 0 then return out end
            local reach = {WALK = tonumber(ARGV[5]), BICYCLE = tonumber(ARGV[6]), E_BIKE = tonumber(ARGV[7]), CAR = tonumber(ARGV[8])}
            local cutoff = tonumber(ARGV[4])
            local chunk = 500
            for from = 1, #found, chunk do
              local to = math.min(from + chunk - 1, #found)
              local ids = {}
              for i = from, to do ids[#ids + 1] = found[i][1] end
              local seen = redis.call('ZMSCORE', KEYS[2], unpack(ids))
              local pos = redis.call('HMGET', KEYS[3], unpack(ids))
              for k = 1, #ids do
                local s = seen[k]
                local p = pos[k]
                if s and p and tonumber(s) >= cutoff then
                  local r = reach[string.match(p, '^[^,]+')]
                  if r == nil or tonumber(found[from + k - 1][2]) <= r then
                    out[#out + 1] = ids[k]
                    out[#out + 1] = p
                    out[#out + 1] = s
                  end
                end
              end
            end
            return out
            """;

    private final StatefulRedisConnection<String, String> queryConnection;
    private final StatefulRedisConnection<String, String> pipelineConnection;
    private final RedisReactiveCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> pipeline;
    private final RedisIndexSettings settings;
    private final TravelTimeModel travelTime;
    private final Clock clock;
    private final Mono<String> searchSha;

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
        this.searchSha = redis.scriptLoad(SEARCH_SCRIPT).cache();
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
            String tag = tag(query.service(), query.region());
            String[] keys = {geoKey(tag), seenKey(tag), posKey(tag)};
            TravelMode[] modes = TravelMode.values();
            String[] args = new String[4 + modes.length];
            args[0] = Double.toString(query.target().longitude());
            args[1] = Double.toString(query.target().latitude());
            args[2] = Double.toString(widen(reach));
            args[3] = Long.toString(settings.presence().cutoffMillis(clock.millis()));
            for (TravelMode mode : modes) {
                double modeReach = travelTime.reachRadiusMeters(query.limitMinutes(), mode);
                args[4 + mode.ordinal()] = modeReach < 0.0 ? "-1" : Double.toString(widen(modeReach));
            }
            return script(SEARCH_SCRIPT, searchSha, keys, args)
                    .concatMapIterable(MULTI_REPLY)
                    .collectList()
                    .flatMapIterable(reply -> exactFilter(reply, query));
        });
    }

    /** A MULTI reply arrives as one list (or, depending on the driver, element by element). */
    private static final java.util.function.Function<Object, Iterable<Object>> MULTI_REPLY =
            o -> o instanceof List<?> list ? List.copyOf(list) : List.of(o);

    private static double widen(double meters) {
        return meters * RADIUS_MARGIN_FACTOR + RADIUS_MARGIN_METERS;
    }

    /** EVALSHA of the cached script, falling back to EVAL when Redis does not know it (restart, failover). */
    private Flux<Object> script(String script, Mono<String> sha, String[] keys, String[] args) {
        return sha.flatMapMany(digest -> redis.<Object>evalsha(digest, ScriptOutputType.MULTI, keys, args))
                .onErrorResume(
                        RedisNoScriptException.class,
                        e -> redis.<Object>eval(script, ScriptOutputType.MULTI, keys, args));
    }

    private List<Candidate> exactFilter(List<Object> reply, CandidateQuery q) {
        List<Candidate> found = new ArrayList<>(reply.size() / 3);
        for (int i = 0; i + 2 < reply.size(); i += 3) {
            String id = (String) reply.get(i);
            LivePosition live = decode(id, (String) reply.get(i + 1), Double.parseDouble((String) reply.get(i + 2)));
            double minutes = travelTime.minutes(live.position(), q.target(), live.mode());
            if (minutes <= q.limitMinutes()) {
                found.add(new Candidate(id, live.position(), live.mode(), minutes, live.lastSeen()));
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
