package cn.carecircle.api.jobs;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * A kind of background work driven by a due-time column: each run claims the rows due at {@code now} with
 * {@code FOR UPDATE SKIP LOCKED} (so that several api instances never take the same row), does them in the
 * claiming transaction and moves or clears their due time.
 *
 * <p>{@code now} comes from the injected {@link java.time.Clock}, never from SQL {@code now()}: tests move a test
 * clock and run the work.
 */
public interface DueWork {

    /** A short name for logs and metrics. */
    String name();

    /** Does one batch of what is due at {@code now}; emits how many rows it handled (0 when nothing was due). */
    Mono<Integer> runDue(Instant now);
}
