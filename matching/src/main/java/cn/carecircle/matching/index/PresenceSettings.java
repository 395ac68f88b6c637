package cn.carecircle.matching.index;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a heartbeat keeps a provider present.
 *
 * @param expiry a provider whose last heartbeat is older than this is no longer present (default 90 s)
 */
public record PresenceSettings(Duration expiry) {

    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(90);

    public PresenceSettings {
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("presence expiry must be positive");
        }
    }

    public static PresenceSettings defaults() {
        return new PresenceSettings(DEFAULT_EXPIRY);
    }

    /** The oldest last-seen time, in epoch milliseconds, that still counts as present at {@code nowMillis}. */
    long cutoffMillis(long nowMillis) {
        return nowMillis - expiry.toMillis();
    }
}
