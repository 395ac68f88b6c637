package cn.carecircle.api.payments;

import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.jobs.DueWork;
import cn.carecircle.payments.PaymentGatewayException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Repairs missed notifications: a payment whose online part is still awaited is looked up with WeChat Pay's query
 * API (5 minutes after it opened, then twice as late each time, at most hourly) and settled into escrow when paid.
 * Settling is the same conditional update the notification uses, so a notification arriving meanwhile settles it
 * once. A gateway failure is logged and the payment asked again later.
 */
@Component
class PaymentReconciliation implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final int BATCH = 20;

    private final PaymentRepository payments;
    private final PaymentService service;
    private final TransactionalOperator tx;

    PaymentReconciliation(PaymentRepository payments, PaymentService service, TransactionalOperator tx) {
        this.payments = payments;
        this.service = service;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "payment-reconciliation";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return Transactions.committed(
                tx,
                payments.claimReconcileDue(now, BATCH)
                        .concatMap(p -> service.lookUp(p)
                                .onErrorResume(PaymentGatewayException.class, e -> {
                                    log.warn(
                                            "Payment of order {} could not be looked up: {}",
                                            p.orderId(),
                                            e.toString());
                                    return Mono.just(true);
                                })
                                .flatMap(again -> payments.reconciled(p.orderId(), now, again))
                                .thenReturn(1))
                        .count()
                        .map(Long::intValue));
    }
}
