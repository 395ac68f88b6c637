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
 * Refunds and closings due with the gateway: asked again (with the same keys, so never twice in effect) until the
 * gateway accepts; a transient failure waits longer each time, a declined request opens a case for the community's
 * workers ({@link PaymentCases}).
 */
@Component
class PaymentGatewayWork implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayWork.class);
    private static final int BATCH = 20;

    private final PaymentRepository payments;
    private final PaymentService service;
    private final PaymentCases cases;
    private final TransactionalOperator tx;

    PaymentGatewayWork(
            PaymentRepository payments, PaymentService service, PaymentCases cases, TransactionalOperator tx) {
        this.payments = payments;
        this.service = service;
        this.cases = cases;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "payment-gateway";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return Transactions.committed(
                tx,
                Transactions.readFully(payments.claimGatewayDue(now, BATCH))
                        .concatMap(p -> service.askGateway(p)
                                .then(payments.gatewayDone(p.orderId()))
                                .onErrorResume(PaymentGatewayException.class, e -> {
                                    if (e.isTransient()) {
                                        log.warn(
                                                "The gateway failed for order {}; asking later: {}",
                                                p.orderId(),
                                                e.toString());
                                        return payments.gatewayRetry(p.orderId(), now);
                                    }
                                    return cases.declined(p, e, now);
                                })
                                .thenReturn(1))
                        .count()
                        .map(Long::intValue));
    }
}
