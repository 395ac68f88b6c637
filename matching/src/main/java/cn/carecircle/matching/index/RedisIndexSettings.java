package cn.carecircle.matching.index;

import java.util.Objects;

/**
 * Settings of {@link RedisCandidateIndex}.
 *
 * @param keyPrefix prepended to every key (for example {@code cc:} in production, {@code test:<uuid>:}
 *     in tests)
 * @param presence how long a heartbeat keeps a provider present
 * @param pipelineBatch heartbeats written per flush of the pipeline connection (default 1,000, each
 *     3 commands per service)
 * @param trimBatch stale listings removed per script call by {@code trimStale} (default 1,000), so
 *     that no single script blocks Redis for long
 */
public record RedisIndexSettings(String keyPrefix, PresenceSettings presence, int pipelineBatch, int trimBatch) {

    public RedisIndexSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("keyPrefix must not contain braces: they would change the hash tag");
        }
        Objects.requireNonNull(presence, "presence");
        if (pipelineBatch < 1 || trimBatch < 1 || trimBatch > 5_000) {
            throw new IllegalArgumentException("pipelineBatch must be positive and trimBatch in 1..5000");
        }
    }

    public static RedisIndexSettings withPrefix(String keyPrefix) {
        return new RedisIndexSettings(keyPrefix, PresenceSettings.defaults(), 1_000, 1_000);
    }

    public RedisIndexSettings withPresence(PresenceSettings presenceSettings) {
        return new RedisIndexSettings(keyPrefix, presenceSettings, pipelineBatch, trimBatch);
    }
}
