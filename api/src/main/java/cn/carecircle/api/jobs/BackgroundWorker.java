package cn.carecircle.api.jobs;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs every {@link DueWork} of this instance: each poll drains what is due (batch after batch while there is
 * any), then waits. The subscription belongs to the application's life cycle: it starts with the context and is
 * disposed when the context stops. A failing batch is logged and retried at the next poll; it never stops the
 * worker.
 */
@Component
public class BackgroundWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);

    /** Upper bound of batches per work and poll, so that one busy kind of work cannot starve the others. */
    private static final int MAX_BATCHES = 50;

    /** Upper bound of passes over all work per poll. */
    private static final int MAX_PASSES = 10;

    private final List<DueWork> works;
    private final JobsProperties properties;
    private final Clock clock;
    private volatile Disposable polling;

    BackgroundWorker(List<DueWork> works, JobsProperties properties, Clock clock) {
        this.works = works;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs every kind of work until nothing is due at the clock's current time; emits how many rows were handled
     * in all. Tests call this after moving their clock.
     */
    public Mono<Integer> drain() {
        // one kind of work may make another due (a no-show makes a round due): pass again until a pass finds nothing
        return passes(MAX_PASSES);
    }

    private Mono<Integer> passes(int left) {
        return pass().flatMap(handled ->
                handled > 0 && left > 1 ? passes(left - 1).map(more -> handled + more) : Mono.just(handled));
    }

    private Mono<Integer> pass() {
        return Flux.fromIterable(works).concatMap(this::drain).reduce(0, Integer::sum);
    }

    private Mono<Integer> drain(DueWork work) {
        return Mono.defer(() -> work.runDue(clock.instant()))
                .repeat(MAX_BATCHES - 1L)
                .takeUntil(handled -> handled == 0)
                .reduce(0, Integer::sum)
                .onErrorResume(e -> {
                    log.warn("Background work {} failed; it is retried at the next poll", work.name(), e);
                    return Mono.just(0);
                });
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        polling = Flux.interval(properties.pollEvery(), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> drain(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable p = polling;
        if (p != null) {
            p.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null && !polling.isDisposed();
    }
}
