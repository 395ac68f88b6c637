package cn.carecircle.api.notifications;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay sends.
 *
 * @param batchSize rows claimed per run; the claiming transaction holds one connection while they are sent
 * @param sendConcurrency how many of a batch's rows are sent at once
 * @param maxAttempts attempts before a row is given up (failed_at set); the first send counts as one
 * @param firstRetryAfter the wait after the first failure; each further failure doubles it
 * @param maxRetryAfter the longest wait between two attempts
 * @param jitter up to this fraction is added to each wait at random, so that rows failed together do not retry
 *     together
 * @param kickAfterCommit run the relay as soon as a transaction that wrote to the outbox commits, besides the
 *     background poll; tests turn it off to drive the relay themselves
 * @param kickConcurrency how many kicked runs of one instance may be under way at once
 */
@Validated
@ConfigurationProperties("carecircle.outbox")
public record OutboxProperties(
        @DefaultValue("50") @Min(1) @Max(500) int batchSize,
        @DefaultValue("32") @Min(1) @Max(256) int sendConcurrency,
        @DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("PT10S") Duration firstRetryAfter,
        @DefaultValue("PT10M") Duration maxRetryAfter,

        @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1")
        double jitter,

        @DefaultValue("true") boolean kickAfterCommit,
        @DefaultValue("2") @Min(1) @Max(8) int kickConcurrency) {

    /**
     * The wait before the next attempt after {@code failures} failed ones (1 after the first failure): doubling
     * from {@link #firstRetryAfter}, at most {@link #maxRetryAfter}, plus {@code random} (in [0, 1)) times the
     * jitter share of it.
     */
    Duration backoff(int failures, double random) {
        long max = maxRetryAfter.toMillis();
        long wait = failures > 30 ? max : Math.min(firstRetryAfter.toMillis() << Math.max(0, failures - 1), max);
        return Duration.ofMillis(wait + Math.round(wait * jitter * random));
    }
}
