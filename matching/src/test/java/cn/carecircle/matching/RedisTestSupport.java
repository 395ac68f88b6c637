package cn.carecircle.matching;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;

/**
 * The real Redis of the machine (system property {@code matching.redis.uri}, default
 * {@code redis://127.0.0.1:6379}) with a key prefix of its own per test run, removed afterwards with
 * SCAN MATCH (never KEYS).
 */
public final class RedisTestSupport implements AutoCloseable {

    private final RedisClient client;
    private final String prefix = "test:" + UUID.randomUUID() + ":";

    public RedisTestSupport() {
        client = RedisClient.create(System.getProperty("matching.redis.uri", "redis://127.0.0.1:6379"));
    }

    public RedisClient client() {
        return client;
    }

    public String prefix() {
        return prefix;
    }

    /** Number of keys under the prefix. */
    public long keyCount() {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            Long count = ScanStream.scan(
                            c.reactive(), ScanArgs.Builder.matches(prefix + "*").limit(1000))
                    .count()
                    .block(Duration.ofSeconds(30));
            return count == null ? 0 : count;
        }
    }

    /** Deletes every key under the prefix. */
    public void deleteKeys() {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanStream.scan(c.reactive(), ScanArgs.Builder.matches(prefix + "*").limit(1000))
                    .buffer(500)
                    .concatMap(keys -> c.reactive().unlink(keys.toArray(String[]::new)))
                    .blockLast(Duration.ofSeconds(60));
        }
    }

    @Override
    public void close() {
        deleteKeys();
        client.shutdown();
    }
}
