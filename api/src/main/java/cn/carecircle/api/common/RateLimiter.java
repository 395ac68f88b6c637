package cn.carecircle.api.common;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * "At most once per interval" per key, kept in Redis so that it holds across api instances. The time compared is
 * the injected clock's, not Redis's, so tests move a test clock; the key's own expiry only cleans up.
 */
@Component
public class RateLimiter {

    private static final RedisScript<Long> SCRIPT = RedisScript.of("""
            local last = redis.call('GET', KEYS[1])
            if last and (tonumber(ARGV[1]) - tonumber(last)) < tonumber(ARGV[2]) then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            return 1
            """, Long.class);
    private static final Duration CLEAN_UP_AFTER = Duration.ofHours(1);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final Clock clock;

    RateLimiter(ReactiveStringRedisTemplate redis, CareCircleProperties properties, Clock clock) {
        this.redis = redis;
        this.prefix = properties.redis().keyPrefix();
        this.clock = clock;
    }

    /** Whether an action under {@code key} may happen now; if so, it is recorded as having happened. */
    public Mono<Boolean> tryAcquire(String key, Duration interval) {
        return redis.execute(
                        SCRIPT,
                        List.of(prefix + "rate:{" + key + "}"),
                        List.of(
                                Long.toString(clock.millis()),
                                Long.toString(interval.toMillis()),
                                Long.toString(CLEAN_UP_AFTER.toMillis())))
                .next()
                .map(allowed -> allowed == 1L);
    }
}
