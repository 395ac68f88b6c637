package cn.carecircle.api.orders;

import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.jobs.DueWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** A completed order the family neither confirms nor disputes within the period confirms itself. */
@Component
class AutoConfirmation implements DueWork {

    private static final int BATCH = 50;

    private final OrderRepository repository;
    private final OrderService orders;
    private final TransactionalOperator tx;

    AutoConfirmation(OrderRepository repository, OrderService orders, TransactionalOperator tx) {
        this.repository = repository;
        this.orders = orders;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "auto-confirmation";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return Transactions.committed(
                tx,
                repository
                        .claimDueConfirmations(now, BATCH)
                        .concatMap(id -> orders.transition(
                                id,
                                OrderStatus.COMPLETED,
                                OrderStatus.CONFIRMED,
                                OrderService.Actor.SYSTEM,
                                "confirmed automatically: the confirmation period ended"))
                        .count()
                        .map(Long::intValue));
    }
}
