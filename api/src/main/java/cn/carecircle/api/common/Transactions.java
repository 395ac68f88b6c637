package cn.carecircle.api.common;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Running work in a transaction and going on only once it has committed. */
public final class Transactions {

    private Transactions() {}

    /**
     * Runs {@code work} in a transaction and emits its value only after the commit. {@code transactional(mono)}
     * lets the value through as soon as the work emits it, before the commit: a next step that must see the
     * committed rows (another transaction, a claim with {@code SKIP LOCKED}) waits for this instead.
     */
    public static <T> Mono<T> committed(TransactionalOperator tx, Mono<T> work) {
        return Mono.defer(() -> {
            AtomicReference<T> value = new AtomicReference<>();
            return tx.transactional(work.doOnNext(value::set)).then(Mono.fromSupplier(value::get));
        });
    }

    /**
     * Reads a query's rows to the end before any of them is worked on. A transaction's connection answers one
     * query at a time: a query issued for a row while the rows are still being read waits for the reading to end,
     * and the reading waits for that query (the reader takes only so many rows ahead) — a deadlock as soon as a
     * claim returns more rows than the reader prefetches. Every claim whose rows are then worked on in the same
     * transaction goes through this.
     */
    public static <T> Flux<T> readFully(Flux<T> rows) {
        return rows.collectList().flatMapIterable(Function.identity());
    }
}
