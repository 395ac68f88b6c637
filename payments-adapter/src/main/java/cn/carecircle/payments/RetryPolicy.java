package cn.carecircle.payments;

import java.time.Duration;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * How often and how patiently a call that carries an idempotency key is sent again after a
 * transient failure (connect error, time-out, 429, 5xx; see {@link PaymentGatewayException#isTransient()}).
 * Declined or invalid requests and unverifiable answers are never retried.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 * @param firstBackoff delay before the first retry, doubled for each further one
 * @param maxBackoff upper bound of a single delay
 * @param jitter fraction (0 to 1) of each delay that is randomised, so that clients do not retry in step
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff, double jitter) {

    /** Three retries starting at 200 ms, at most 2 s apart, half of each delay random. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (firstBackoff == null
                || firstBackoff.isNegative()
                || maxBackoff == null
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must be non-negative and maxBackoff >= firstBackoff");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
    }

    /** No retries at all. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0);
    }

    /** The Reactor retry spec; when retries run out, the last failure itself is signalled. */
    public RetryBackoffSpec toRetry() {
        return Retry.backoff(maxRetries, firstBackoff)
                .maxBackoff(maxBackoff)
                .jitter(jitter)
                .filter(RetryPolicy::isRetryable)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    static boolean isRetryable(Throwable failure) {
        return failure instanceof PaymentGatewayException e && e.isTransient();
    }
}
