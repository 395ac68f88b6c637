package cn.carecircle.matching.bench;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.index.Candidate;
import cn.carecircle.matching.index.CandidateQuery;
import cn.carecircle.matching.index.Heartbeat;
import cn.carecircle.matching.index.RedisCandidateIndex;
import cn.carecircle.matching.index.RedisIndexSettings;
import cn.carecircle.matching.travel.GreatCircleTravelTimeModel;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.postgresql.PGConnection;

/**
 * Load driver for the benchmarks in README.md (scenario of DESIGN.md, "Settled questions"):
 *
 * <ul>
 *   <li>urban extent 30 km × 30 km around Beijing's centre, providers uniformly spread, each offering
 *       one or two of the four services; modes 40 % walk, 45 % bicycle or e-bike, 15 % car;
 *   <li>queries at uniform random points for a random service, 15-minute limit, issued one after the
 *       other by a single client; latency is measured around the whole call including the exact
 *       travel-time filter, which every store applies the same way (same {@code TravelTimeModel},
 *       same pre-filter: the fastest mode's reach, then each provider's own mode's reach, widened
 *       by 0.3 % + 2 m);
 *   <li>stores: {@link RedisCandidateIndex}; PostgreSQL plain table with a haversine filter (no
 *       index: a scan); PostgreSQL + PostGIS with a GiST index on (service, geography) and
 *       {@code ST_DWithin} on the sphere.
 * </ul>
 *
 * Arguments: {@code search}, {@code ingest}, {@code scale} or {@code all} (default). System
 * properties: {@code bench.redis} (redis://127.0.0.1:6379), {@code bench.pg}
 * (jdbc:postgresql://127.0.0.1:5432/postgres, user postgres), {@code bench.queries} (10000),
 * {@code bench.scanQueries} (1000: the scan at 100k takes tens of milliseconds per query).
 */
public final class MatchingBenchmark {

    static final GeoPoint CENTRE = GeoPoint.of(39.9042, 116.4074);
    static final double EXTENT_METERS = 30_000;
    static final double LIMIT_MINUTES = 15;
    static final GreatCircleTravelTimeModel MODEL = new GreatCircleTravelTimeModel();
    static final double RADIUS = MODEL.reachRadiusMeters(LIMIT_MINUTES) * 1.003 + 2.0;

    static final String REDIS_URI = System.getProperty("bench.redis", "redis://127.0.0.1:6379");
    static final String PG_ADMIN_URL = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final int QUERIES = Integer.getInteger("bench.queries", 10_000);
    static final int SCAN_QUERIES = Integer.getInteger("bench.scanQueries", 1_000);
    static final String REGION = "110000";

    record Provider(int id, Set<ServiceType> services, TravelMode mode, GeoPoint position) {}

    record Query(ServiceType service, GeoPoint target) {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "all" : args[0];
        System.out.printf(
                Locale.ROOT,
                "# matching benchmarks, %s, %d cores, java %s, pre-filter radius %.0f m%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                RADIUS);
        RedisClient redis = RedisClient.create(REDIS_URI);
        String db = "matching_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
            exec(admin, "CREATE DATABASE " + db);
        }
        String dbUrl = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + db;
        try (Connection pg = DriverManager.getConnection(dbUrl, "postgres", "")) {
            exec(pg, "CREATE EXTENSION postgis");
            exec(pg, "CREATE EXTENSION btree_gist");
            if (what.equals("all") || what.equals("search")) {
                search(redis, pg, 10_000);
                search(redis, pg, 100_000);
            }
            if (what.equals("all") || what.equals("ingest")) {
                ingest(redis, pg, 100_000);
            }
            if (what.equals("all") || what.equals("scale")) {
                scale(redis);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
                exec(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
            redis.shutdown();
        }
    }

    // ---------------------------------------------------------------- scenario

    static List<Provider> providers(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Provider> out = new ArrayList<>(n);
        ServiceType[] all = ServiceType.values();
        for (int i = 0; i < n; i++) {
            Set<ServiceType> services = EnumSet.of(all[random.nextInt(all.length)]);
            if (random.nextBoolean()) {
                services.add(all[random.nextInt(all.length)]);
            }
            int r = random.nextInt(100);
            TravelMode mode = r < 40
                    ? TravelMode.WALK
                    : r < 85 ? (r < 62 ? TravelMode.BICYCLE : TravelMode.E_BIKE) : TravelMode.CAR;
            out.add(new Provider(i, services, mode, uniform(random)));
        }
        return out;
    }

    static List<Query> queries(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Query> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Query(ServiceType.values()[random.nextInt(4)], uniform(random)));
        }
        return out;
    }

    /** Uniform in a 30 km square: degrees per metre at the centre's latitude (flat enough at 30 km). */
    static GeoPoint uniform(SplittableRandom random) {
        double metersPerDegLat = Math.PI * GreatCircleTravelTimeModel.EARTH_RADIUS_METERS / 180.0;
        double metersPerDegLon = metersPerDegLat * Math.cos(Math.toRadians(CENTRE.latitude()));
        return GeoPoint.of(
                CENTRE.latitude() + (random.nextDouble() - 0.5) * EXTENT_METERS / metersPerDegLat,
                CENTRE.longitude() + (random.nextDouble() - 0.5) * EXTENT_METERS / metersPerDegLon);
    }

    static List<Heartbeat> heartbeats(List<Provider> providers) {
        List<Heartbeat> out = new ArrayList<>(providers.size());
        for (Provider p : providers) {
            out.add(new Heartbeat("p" + p.id(), REGION, p.services(), p.mode(), p.position()));
        }
        return out;
    }

    // ---------------------------------------------------------------- (1) search

    static void search(RedisClient redis, Connection pg, int n) throws Exception {
        List<Provider> providers = providers(n, 7L * n);
        List<Query> queries = queries(QUERIES, 11L * n);
        System.out.printf(Locale.ROOT, "%n## (1) candidate search, %,d providers, %,d queries%n", n, queries.size());
        String prefix = "bench:" + UUID.randomUUID() + ":";
        try (RedisCandidateIndex index =
                RedisCandidateIndex.open(redis, RedisIndexSettings.withPrefix(prefix), MODEL, Clock.systemUTC())) {
            load(index, providers);
            loadPostgres(pg, providers);
            ToIntFunction<Query> viaRedis = q -> redisSearch(index, q);
            ToIntFunction<Query> viaScan = q -> sql(pg, SCAN_SQL, q);
            ToIntFunction<Query> viaPostgis = q -> sql(pg, POSTGIS_SQL, q);
            // the three must agree before anything is timed
            for (Query q : queries.subList(0, 50)) {
                int r = viaRedis.applyAsInt(q);
                int s = viaScan.applyAsInt(q);
                int g = viaPostgis.applyAsInt(q);
                if (r != s || r != g) {
                    throw new IllegalStateException("stores disagree on " + q + ": " + r + " " + s + " " + g);
                }
            }
            int scanQueries = Math.min(queries.size(), n >= 100_000 ? SCAN_QUERIES : queries.size());
            Stats redisStats = time("Redis GEOSEARCH + exact filter", queries, viaRedis);
            Stats postgis = time("PostGIS GiST + ST_DWithin", queries, viaPostgis);
            Stats scan = time("PostgreSQL scan + haversine", queries.subList(0, scanQueries), viaScan);
            System.out.printf(
                    Locale.ROOT,
                    "ratios at %,d: p50 scan/redis %.1fx, postgis/redis %.1fx; p99 scan/redis %.1fx, postgis/redis %.1fx%n",
                    n,
                    scan.p50 / redisStats.p50,
                    postgis.p50 / redisStats.p50,
                    scan.p99 / redisStats.p99,
                    postgis.p99 / redisStats.p99);
        } finally {
            deleteKeys(redis, prefix);
        }
    }

    static int redisSearch(RedisCandidateIndex index, Query q) {
        List<Candidate> found = index.search(new CandidateQuery(REGION, q.service(), q.target(), LIMIT_MINUTES))
                .collectList()
                .block();
        return found == null ? 0 : found.size();
    }

    /** Per-mode reach, widened like the index does, so every store pre-filters the same way. */
    static final String MODE_REACH = modeReach();

    static String modeReach() {
        StringBuilder sql = new StringBuilder("CASE mode");
        for (TravelMode m : TravelMode.values()) {
            sql.append(" WHEN ")
                    .append(m.ordinal())
                    .append(" THEN ")
                    .append(MODEL.reachRadiusMeters(LIMIT_MINUTES, m) * 1.003 + 2.0);
        }
        return sql.append(" END").toString();
    }

    static final String SCAN_SQL = "SELECT provider_id, mode, lat, lon FROM provider_plain WHERE service = ?"
            + " AND last_seen >= ? AND 2 * 6371008.8 * asin(sqrt(power(sin(radians(lat - ?) / 2), 2)"
            + " + cos(radians(?)) * cos(radians(lat)) * power(sin(radians(lon - ?) / 2), 2))) <= "
            + MODE_REACH;

    static final String POSTGIS_SQL = "SELECT provider_id, mode, lat, lon FROM provider_geo, "
            + " (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS target) t"
            + " WHERE service = ? AND last_seen >= ? AND ST_DWithin(geog, t.target, ?, false)"
            + " AND ST_DWithin(geog, t.target, " + MODE_REACH + ", false)";

    static final ThreadLocal<Timestamp> CUTOFF = ThreadLocal.withInitial(() -> Timestamp.from(Instant.EPOCH));

    /** One query through SQL, then the same exact travel-time filter as the index. */
    static int sql(Connection pg, String sql, Query q) {
        try (PreparedStatement ps = pg.prepareStatement(sql)) {
            if (sql == SCAN_SQL) {
                ps.setShort(1, (short) q.service().ordinal());
                ps.setTimestamp(2, CUTOFF.get());
                ps.setDouble(3, q.target().latitude());
                ps.setDouble(4, q.target().latitude());
                ps.setDouble(5, q.target().longitude());
            } else {
                ps.setDouble(1, q.target().longitude());
                ps.setDouble(2, q.target().latitude());
                ps.setShort(3, (short) q.service().ordinal());
                ps.setTimestamp(4, CUTOFF.get());
                ps.setDouble(5, RADIUS);
            }
            int count = 0;
            TravelMode[] modes = TravelMode.values();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    GeoPoint at = new GeoPoint(rs.getDouble(3), rs.getDouble(4));
                    if (MODEL.minutes(at, q.target(), modes[rs.getShort(2)]) <= LIMIT_MINUTES) {
                        count++;
                    }
                }
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void load(RedisCandidateIndex index, List<Provider> providers) {
        long t = System.nanoTime();
        List<Heartbeat> beats = heartbeats(providers);
        for (int i = 0; i < beats.size(); i += 10_000) {
            index.heartbeats(beats.subList(i, Math.min(beats.size(), i + 10_000)))
                    .block();
        }
        System.out.printf(
                Locale.ROOT,
                "loaded %,d providers into Redis in %.1f s%n",
                providers.size(),
                (System.nanoTime() - t) / 1e9);
    }

    static void loadPostgres(Connection pg, List<Provider> providers) throws Exception {
        long t = System.nanoTime();
        exec(pg, "DROP TABLE IF EXISTS provider_plain, provider_geo");
        exec(
                pg,
                "CREATE TABLE provider_plain (provider_id int NOT NULL, service smallint NOT NULL,"
                        + " mode smallint NOT NULL, lat double precision NOT NULL, lon double precision NOT NULL,"
                        + " last_seen timestamptz NOT NULL)");
        exec(
                pg,
                "CREATE TABLE provider_geo (provider_id int NOT NULL, service smallint NOT NULL,"
                        + " mode smallint NOT NULL, lat double precision NOT NULL, lon double precision NOT NULL,"
                        + " geog geography(Point, 4326) NOT NULL, last_seen timestamptz NOT NULL)");
        StringBuilder plain = new StringBuilder();
        StringBuilder geo = new StringBuilder();
        String now = Instant.now().toString();
        for (Provider p : providers) {
            for (ServiceType s : p.services()) {
                String common = p.id() + "\t" + s.ordinal() + "\t" + p.mode().ordinal() + "\t"
                        + p.position().latitude() + "\t" + p.position().longitude();
                plain.append(common).append('\t').append(now).append('\n');
                geo.append(common)
                        .append("\tSRID=4326;POINT(")
                        .append(p.position().longitude())
                        .append(' ')
                        .append(p.position().latitude())
                        .append(")\t")
                        .append(now)
                        .append('\n');
            }
        }
        var copy = pg.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY provider_plain FROM STDIN", new StringReader(plain.toString()));
        copy.copyIn("COPY provider_geo FROM STDIN", new StringReader(geo.toString()));
        exec(pg, "CREATE INDEX provider_geo_service_geog ON provider_geo USING gist (service, geog)");
        exec(pg, "CREATE INDEX provider_geo_id ON provider_geo (provider_id)");
        exec(pg, "VACUUM ANALYZE provider_plain");
        exec(pg, "VACUUM ANALYZE provider_geo");
        System.out.printf(
                Locale.ROOT,
                "loaded %,d providers into PostgreSQL (plain + PostGIS, indexes built) in %.1f s%n",
                providers.size(),
                (System.nanoTime() - t) / 1e9);
    }

    // ---------------------------------------------------------------- (2) ingest

    static void ingest(RedisClient redis, Connection pg, int n) throws Exception {
        System.out.printf(Locale.ROOT, "%n## (2) heartbeat ingest, %,d providers, batches of 1,000%n", n);
        List<Provider> providers = providers(n, 13L);
        SplittableRandom random = new SplittableRandom(17L);
        List<Provider> moved = new ArrayList<>(n);
        for (Provider p : providers) {
            moved.add(new Provider(p.id(), p.services(), p.mode(), uniform(random)));
        }
        String prefix = "bench:" + UUID.randomUUID() + ":";
        double redisRate;
        try (RedisCandidateIndex index =
                RedisCandidateIndex.open(redis, RedisIndexSettings.withPrefix(prefix), MODEL, Clock.systemUTC())) {
            List<Heartbeat> first = heartbeats(providers);
            List<Heartbeat> second = heartbeats(moved);
            batches(index, first); // insert: not timed
            batches(index, second); // warm-up
            long t = System.nanoTime();
            int rounds = 3;
            for (int r = 0; r < rounds; r++) {
                batches(index, r % 2 == 0 ? first : second);
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            redisRate = rounds * n / seconds;
            long listings =
                    providers.stream().mapToLong(p -> p.services().size()).sum();
            System.out.printf(
                    Locale.ROOT,
                    "Redis pipelined: %,d heartbeats in %.2f s = %,.0f updates/s (%,.0f listings/s)%n",
                    rounds * n,
                    seconds,
                    redisRate,
                    rounds * listings / seconds);
        } finally {
            deleteKeys(redis, prefix);
        }
        loadPostgres(pg, providers);
        pg.setAutoCommit(false);
        String update = "UPDATE provider_geo SET lat = ?, lon = ?,"
                + " geog = ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, last_seen = ? WHERE provider_id = ?";
        postgresBatches(pg, update, moved.subList(0, 20_000)); // warm-up
        int count = Math.min(n, 50_000);
        long t = System.nanoTime();
        postgresBatches(pg, update, providers.subList(0, count));
        double seconds = (System.nanoTime() - t) / 1e9;
        double pgRate = count / seconds;
        pg.setAutoCommit(true);
        System.out.printf(
                Locale.ROOT,
                "PostgreSQL batched UPDATE (PostGIS table, GiST + btree): %,d heartbeats in %.2f s = %,.0f updates/s%n",
                count,
                seconds,
                pgRate);
        System.out.printf(Locale.ROOT, "ratio Redis/PostgreSQL: %.1fx%n", redisRate / pgRate);
    }

    static void batches(RedisCandidateIndex index, List<Heartbeat> beats) {
        for (int i = 0; i < beats.size(); i += 1_000) {
            index.heartbeats(beats.subList(i, Math.min(beats.size(), i + 1_000)))
                    .block();
        }
    }

    static void postgresBatches(Connection pg, String sql, List<Provider> providers) throws SQLException {
        try (PreparedStatement ps = pg.prepareStatement(sql)) {
            Timestamp now = Timestamp.from(Instant.now());
            int inBatch = 0;
            for (Provider p : providers) {
                ps.setDouble(1, p.position().latitude());
                ps.setDouble(2, p.position().longitude());
                ps.setDouble(3, p.position().longitude());
                ps.setDouble(4, p.position().latitude());
                ps.setTimestamp(5, now);
                ps.setInt(6, p.id());
                ps.addBatch();
                if (++inBatch == 1_000) {
                    ps.executeBatch();
                    pg.commit();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                ps.executeBatch();
                pg.commit();
            }
        }
    }

    // ---------------------------------------------------------------- (3) scale

    static void scale(RedisClient redis) {
        System.out.printf(Locale.ROOT, "%n## (3) Redis query time by number of providers (500 queries each)%n");
        System.out.println("| providers | candidates per query (mean) | p50 ms | p99 ms |");
        System.out.println("|---:|---:|---:|---:|");
        for (int n : new int[] {1_000, 10_000, 100_000, 1_000_000}) {
            String prefix = "bench:" + UUID.randomUUID() + ":";
            try (RedisCandidateIndex index =
                    RedisCandidateIndex.open(redis, RedisIndexSettings.withPrefix(prefix), MODEL, Clock.systemUTC())) {
                List<Provider> providers = providers(n, 19L * n);
                List<Heartbeat> beats = heartbeats(providers);
                for (int i = 0; i < beats.size(); i += 10_000) {
                    index.heartbeats(beats.subList(i, Math.min(beats.size(), i + 10_000)))
                            .block();
                }
                List<Query> queries = queries(500, 23L * n);
                long[] found = {0};
                Stats s = measure(
                        queries,
                        q -> {
                            int c = redisSearch(index, q);
                            found[0] += c;
                            return c;
                        },
                        200);
                System.out.printf(
                        Locale.ROOT,
                        "| %,d | %.1f | %.3f | %.3f |%n",
                        n,
                        found[0] / (double) (queries.size() + 100),
                        s.p50,
                        s.p99);
            } finally {
                deleteKeys(redis, prefix);
            }
        }
    }

    // ---------------------------------------------------------------- measurement

    record Stats(double p50, double p99, double mean) {}

    static Stats time(String name, List<Query> queries, ToIntFunction<Query> call) {
        Stats s = measure(queries, call, Math.min(1_000, queries.size() / 5));
        System.out.printf(
                Locale.ROOT,
                "%-34s %,6d queries  p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms%n",
                name,
                queries.size(),
                s.p50,
                s.p99,
                s.mean);
        return s;
    }

    /** Warm-up on the first queries (repeated), then every query once, sequentially. */
    static Stats measure(List<Query> queries, ToIntFunction<Query> call, int warmup) {
        for (int i = 0; i < warmup; i++) {
            call.applyAsInt(queries.get(i % queries.size()));
        }
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            call.applyAsInt(queries.get(i));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return new Stats(
                nanos[(int) Math.floor(0.50 * (nanos.length - 1))] / 1e6,
                nanos[(int) Math.floor(0.99 * (nanos.length - 1))] / 1e6,
                mean);
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static void deleteKeys(RedisClient redis, String prefix) {
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            ScanStream.scan(c.reactive(), ScanArgs.Builder.matches(prefix + "*").limit(1000))
                    .buffer(500)
                    .concatMap(keys -> c.reactive().unlink(keys.toArray(String[]::new)))
                    .blockLast(Duration.ofMinutes(2));
        }
    }
}
