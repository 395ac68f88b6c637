package cn.carecircle.matching.index;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.matching.Fixtures;
import cn.carecircle.matching.MutableClock;
import cn.carecircle.matching.RedisTestSupport;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.travel.GreatCircleTravelTimeModel;
import cn.carecircle.matching.travel.TravelTimeModel;
import cn.carecircle.matching.travel.TravelTimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for random cities, travel settings, modes, services, limits and presence, both indexes
 * return exactly the providers a brute-force scan finds within the limit (100 % recall and precision),
 * including providers placed right at the boundary of their mode's reach.
 */
class CandidateIndexAgreesWithBruteForcePropertyTest {

    static RedisTestSupport redis;

    @BeforeAll
    static void connect() {
        redis = new RedisTestSupport();
    }

    @AfterAll
    static void cleanUp() {
        redis.close();
    }

    static java.util.stream.Stream<Long> seeds() {
        return cn.carecircle.matching.Seeds.seeds();
    }

    record Provider(String id, Set<ServiceType> services, TravelMode mode, GeoPoint position, Instant lastSeen) {}

    record Query(ServiceType service, GeoPoint target, double limitMinutes) {}

    record Scenario(
            TravelTimeModel model, GeoPoint centre, List<Provider> providers, List<Query> queries, Instant now) {}

    static Scenario scenario(RandomGenerator random) {
        TravelTimeSettings settings = TravelTimeSettings.defaults()
                .withDetourFactor(1.0 + random.nextDouble() * 0.8)
                .withSpeed(TravelMode.CAR, 15 + random.nextDouble() * 40)
                .withStartup(TravelMode.WALK, random.nextInt(3));
        TravelTimeModel model = new GreatCircleTravelTimeModel(settings);
        // somewhere in China, from Hainan to Inner Mongolia
        GeoPoint centre = GeoPoint.of(18 + random.nextDouble() * 32, 80 + random.nextDouble() * 45);
        double extentMeters = 2_000 + random.nextDouble() * 28_000;
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        List<Query> queries = new ArrayList<>();
        for (int q = 0; q < 12; q++) {
            queries.add(new Query(
                    pick(random, ServiceType.values()),
                    uniform(random, centre, extentMeters),
                    1 + random.nextInt(45) + (random.nextBoolean() ? 0.0 : random.nextDouble())));
        }
        List<Provider> providers = new ArrayList<>();
        int n = 200 + random.nextInt(1_300);
        for (int i = 0; i < n; i++) {
            TravelMode mode = mode(random);
            GeoPoint position;
            if (random.nextInt(4) == 0) {
                // right at the boundary of some query's reach for this mode
                Query q = queries.get(random.nextInt(queries.size()));
                double reach = boundaryMeters(settings, mode, q.limitMinutes());
                double jitter = switch (random.nextInt(3)) {
                    case 0 -> 0.0;
                    case 1 -> random.nextDouble() * 1e-6;
                    default -> -random.nextDouble() * 1e-6;
                };
                position = reach <= 0
                        ? q.target()
                        : Fixtures.offset(q.target(), reach * (1 + jitter), random.nextDouble() * 360);
            } else {
                position = uniform(random, centre, extentMeters);
            }
            Set<ServiceType> services = EnumSet.noneOf(ServiceType.class);
            services.add(pick(random, ServiceType.values()));
            if (random.nextBoolean()) {
                services.add(pick(random, ServiceType.values()));
            }
            // whole seconds, so heartbeats can be written in batches; exactly 90 s old is still present
            Instant lastSeen = now.minusSeconds(random.nextInt(121));
            providers.add(new Provider("p" + i, services, mode, position, lastSeen));
        }
        return new Scenario(model, centre, providers, queries, now);
    }

    static double boundaryMeters(TravelTimeSettings s, TravelMode mode, double limitMinutes) {
        double moving = limitMinutes - s.startupMinutes().get(mode);
        return moving * s.speedsKmh().get(mode) * 1000 / 60 / s.detourFactor();
    }

    static TravelMode mode(RandomGenerator random) {
        int r = random.nextInt(100);
        if (r < 40) return TravelMode.WALK;
        if (r < 62) return TravelMode.BICYCLE;
        if (r < 85) return TravelMode.E_BIKE;
        return TravelMode.CAR;
    }

    static GeoPoint uniform(RandomGenerator random, GeoPoint centre, double extentMeters) {
        double north = (random.nextDouble() - 0.5) * extentMeters;
        double east = (random.nextDouble() - 0.5) * extentMeters;
        return Fixtures.offset(Fixtures.offset(centre, north, 0), east, 90);
    }

    static <T> T pick(RandomGenerator random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static Set<String> bruteForce(Scenario s, Query q) {
        Set<String> ids = new TreeSet<>();
        Instant cutoff = s.now().minus(PresenceSettings.DEFAULT_EXPIRY);
        for (Provider p : s.providers()) {
            if (p.services().contains(q.service())
                    && !p.lastSeen().isBefore(cutoff)
                    && s.model().minutes(p.position(), q.target(), p.mode()) <= q.limitMinutes()) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void bothIndexesFindExactlyTheProvidersWithinTheLimit(long seed) {
        Scenario s = scenario(new SplittableRandom(seed));
        MutableClock clock = new MutableClock(s.now());
        String region = "S" + Long.toHexString(seed).replace('-', 'm');
        String prefix = redis.prefix() + region + ":";
        try (RedisCandidateIndex redisIndex =
                RedisCandidateIndex.open(redis.client(), RedisIndexSettings.withPrefix(prefix), s.model(), clock)) {
            InMemoryCandidateIndex memoryIndex = new InMemoryCandidateIndex(s.model(), clock);
            Map<Instant, List<Heartbeat>> bySecond = new TreeMap<>();
            for (Provider p : s.providers()) {
                bySecond.computeIfAbsent(p.lastSeen(), t -> new ArrayList<>())
                        .add(new Heartbeat(p.id(), region, p.services(), p.mode(), p.position()));
            }
            for (CandidateIndex index : List.of(redisIndex, memoryIndex)) {
                bySecond.forEach((at, beats) -> {
                    clock.set(at);
                    index.heartbeats(beats).block(Duration.ofSeconds(10));
                });
            }
            clock.set(s.now());
            int nonEmpty = 0;
            for (Query q : s.queries()) {
                Set<String> expected = bruteForce(s, q);
                CandidateQuery query = new CandidateQuery(region, q.service(), q.target(), q.limitMinutes());
                for (CandidateIndex index : List.of(redisIndex, memoryIndex)) {
                    List<String> actual = index.search(query)
                            .map(Candidate::providerId)
                            .collectList()
                            .block(Duration.ofSeconds(10));
                    assertThat(actual)
                            .as("seed %d, %s, %s", seed, index.getClass().getSimpleName(), q)
                            .doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(expected);
                }
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty)
                    .as("seed %d: the scenario should find someone", seed)
                    .isPositive();
        }
    }
}
