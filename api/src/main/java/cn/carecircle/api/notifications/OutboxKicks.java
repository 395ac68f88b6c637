package cn.carecircle.api.notifications;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Tells this instance's relay that a transaction has just committed rows to the outbox, so that they leave at once
 * instead of at the next poll. A kick is a hint: kicks that arrive while the relay runs fold into one more run, and
 * a lost kick only means the poll sends the row.
 */
@Component
class OutboxKicks {

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();
    private final boolean enabled;

    OutboxKicks(OutboxProperties properties) {
        this.enabled = properties.kickAfterCommit();
    }

    boolean enabled() {
        return enabled;
    }

    void kick() {
        // two threads kicking at once: the later spins the few nanoseconds until the earlier has emitted
        sink.emitNext(Boolean.TRUE, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
    }

    Flux<Boolean> kicks() {
        return sink.asFlux();
    }
}
