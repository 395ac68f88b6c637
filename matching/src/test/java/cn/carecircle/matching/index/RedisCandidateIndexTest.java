package cn.carecircle.matching.index;

import static cn.carecircle.matching.Fixtures.LINHE;
import static cn.carecircle.matching.Fixtures.LINHE_CENTRE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.matching.MutableClock;
import cn.carecircle.matching.RedisTestSupport;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.travel.TravelTimeModel;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The contract against the machine's Redis, plus what only the Redis layout has to keep. */
class RedisCandidateIndexTest extends CandidateIndexContractTest {

    static RedisTestSupport redis;
    RedisCandidateIndex redisIndex;
    String prefix;

    @BeforeAll
    static void connect() {
        redis = new RedisTestSupport();
    }

    @AfterAll
    static void cleanUp() {
        redis.close();
    }

    @Override
    protected CandidateIndex newIndex(TravelTimeModel travelTime, MutableClock clock) {
        prefix = redis.prefix() + UUID.randomUUID().toString().substring(0, 8) + ":";
        redisIndex = RedisCandidateIndex.open(redis.client(), RedisIndexSettings.withPrefix(prefix), travelTime, clock);
        return redisIndex;
    }

    @AfterEach
    void closeIndex() {
        redisIndex.close();
    }

    private List<String> keys() {
        try (StatefulRedisConnection<String, String> c = redis.client().connect()) {
            List<String> keys = ScanStream.scan(c.reactive(), ScanArgs.Builder.matches(prefix + "*"))
                    .collectList()
                    .block(Duration.ofSeconds(10));
            return keys == null ? List.of() : keys;
        }
    }

    @Test
    void keysOfOneServiceAndRegionShareAClusterHashTag() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.BATHING));

        assertThat(keys())
                .containsExactlyInAnyOrder(
                        prefix + "geo:{BATHING:" + LINHE + "}",
                        prefix + "seen:{BATHING:" + LINHE + "}",
                        prefix + "pos:{BATHING:" + LINHE + "}",
                        prefix + "tags");
    }

    @Test
    void trimmingMoreStaleProvidersThanOneScriptBatchRemovesThemAll() {
        List<Heartbeat> batch = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            batch.add(beat("p" + i, TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        }
        index.heartbeats(batch).as(StepVerifier::create).verifyComplete();
        clock.advance(Duration.ofMinutes(3));

        index.trimStale(clock.instant())
                .as(StepVerifier::create)
                .expectNext(2_345L)
                .verifyComplete();

        assertThat(keys()).containsExactly(prefix + "tags");
    }
}
