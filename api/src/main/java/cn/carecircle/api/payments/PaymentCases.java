package cn.carecircle.api.payments;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.security.Caller;
import cn.carecircle.payments.PaymentGatewayException;
import cn.carecircle.payments.PaymentServiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gateway work left for a person. When WeChat Pay declines to refund (or close) an order's online part, the
 * gateway is not asked again on its own: a case opens for the order's community, and one of its workers either
 * retries (the family's account was fixed, say) or records that the community settled it outside WeChat Pay, with a
 * reason. Handling a case is a conditional update from OPEN, so when two workers act at once exactly one does; the
 * other gets {@code 409 payment-case-handled}.
 *
 * <p>The money ledger, as an accountant reads it. Cancelling an order after its online part was paid posted
 * REFUND (escrow → REFUNDS) at once: REFUNDS holds what the family is owed back through WeChat Pay, and the
 * ledger is balanced from then on, whatever the gateway answers. A retry posts nothing: if WeChat Pay accepts, it
 * pays out exactly what REFUNDS already records. A settlement offline posts OFFLINE_REFUND (REFUNDS →
 * OFFLINE_REFUNDS, the amount of the online part): the family was paid back, but by the community (cash, bank
 * transfer) and not by the gateway, so the refund leaves the account that must agree with WeChat Pay's refund
 * records and lands in the one that shows what the community paid back itself. Nothing else moves: the family's
 * money did come in online (EXTERNAL → escrow stays true), escrow was emptied by the refund already, and the
 * amount WeChat Pay kept in the merchant account is what reimburses the community's outlay — a matter of the
 * community's books with its bank, outside this ledger of orders' money. A declined closing received nothing
 * online, so settling it offline posts nothing; only the case records who decided it and why.
 */
@Service
class PaymentCases {

    private static final Logger log = LoggerFactory.getLogger(PaymentCases.class);

    /** A case handled, with the gateway's answer to a retry (null otherwise). */
    record Handled(PaymentCase paymentCase, PaymentCase.RetryOutcome outcome) {}

    /** WeChat Pay's answer to closing a payment the payer has already paid. */
    private static final String ORDER_PAID = "ORDERPAID";

    private final PaymentCaseRepository cases;
    private final PaymentRepository payments;
    private final PaymentService service;
    private final MoneyLedger ledger;
    private final AuditService audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    PaymentCases(
            PaymentCaseRepository cases,
            PaymentRepository payments,
            PaymentService service,
            MoneyLedger ledger,
            AuditService audit,
            TransactionalOperator tx,
            Clock clock) {
        this.cases = cases;
        this.payments = payments;
        this.service = service;
        this.ledger = ledger;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * In the caller's transaction: the gateway declined the payment's refund or closing. A case opens (one per
     * payment at a time), a refund's state reads DECLINED, and the gateway is not due again until a worker retries.
     */
    Mono<Void> declined(Payment p, PaymentGatewayException e, Instant at) {
        if (p.state() == Payment.State.CLOSED
                && e instanceof PaymentServiceException s
                && ORDER_PAID.equals(s.code())) {
            // the family paid before the closing reached WeChat Pay: no case for a person, the payment is settled
            // as paid (which refunds it, being cancelled) and the gateway asked again later
            log.info("Order {}'s payment was paid before it could be closed: looking it up", p.orderId());
            return service.lookUp(p)
                    .onErrorResume(PaymentGatewayException.class, lookUp -> Mono.just(true))
                    .then(payments.gatewayRetry(p.orderId(), at));
        }
        String code = e instanceof PaymentServiceException s && s.code() != null
                ? s.code()
                : e.getClass().getSimpleName();
        String message = e instanceof PaymentServiceException s ? clip(s.providerMessage(), 300) : null;
        log.warn(
                "The gateway declined order {}'s {} ({}): a case is open for the community's workers",
                p.orderId(),
                p.state(),
                code);
        return cases.open(p, clip(code, 64), message, at)
                .then(
                        p.state() == Payment.State.REFUNDED
                                ? payments.refundState(Payment.outRefundNoOf(p.orderId()), "DECLINED", at)
                                : Mono.empty())
                .then(payments.gatewayDone(p.orderId()));
    }

    /** The community's cases in this status (OPEN when null): its workers, and the district official reading. */
    Flux<PaymentCase> list(Caller caller, UUID communityId, PaymentCase.Status status) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        if (!caller.covers(communityId)) {
            return Flux.error(ApiException.notFound("Community"));
        }
        return cases.list(communityId, status == null ? PaymentCase.Status.OPEN : status);
    }

    /**
     * A worker of the community asks the gateway again, with the same refund number (so the family is never
     * refunded twice). The case is marked RETRIED and the gateway made due in that transaction, so a call lost
     * after the commit is repeated by background work; then the gateway is asked at once, and its answer returned.
     */
    Mono<Handled> retry(Caller caller, UUID caseId) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        Instant now = clock.instant();
        return covered(caller, caseId)
                .flatMap(c -> Transactions.committed(
                                tx,
                                stillNeeded(c)
                                        .then(cases.resolve(
                                                caseId,
                                                PaymentCase.Status.RETRIED,
                                                caller.accountId(),
                                                now,
                                                null,
                                                null))
                                        .flatMap(won -> won
                                                ? payments.gatewayDue(
                                                                c.orderId(), now.plus(PaymentService.GATEWAY_RETRY))
                                                        .then(refundState(c, "PROCESSING", now))
                                                        .thenReturn(c)
                                                : Mono.error(handledAlready())))
                        .then(payments.findByOrder(c.orderId()))
                        .flatMap(this::ask)
                        .flatMap(outcome -> cases.find(caseId).map(handled -> new Handled(handled, outcome))));
    }

    private Mono<PaymentCase.RetryOutcome> ask(Payment p) {
        return service.askGateway(p)
                .then(payments.gatewayDone(p.orderId()))
                .thenReturn(PaymentCase.RetryOutcome.ACCEPTED)
                .onErrorResume(PaymentGatewayException.class, e -> {
                    if (e.isTransient()) {
                        // still due: background work asks again
                        log.warn("The gateway failed for order {}; asking later: {}", p.orderId(), e.toString());
                        return Mono.just(PaymentCase.RetryOutcome.UNAVAILABLE);
                    }
                    return Transactions.committed(
                                    tx, declined(p, e, clock.instant()).thenReturn(true))
                            .thenReturn(PaymentCase.RetryOutcome.DECLINED);
                });
    }

    /**
     * A worker of the community records that the case was settled outside WeChat Pay, and why: audited, never asked
     * of the gateway again, and for a refund posted from REFUNDS to OFFLINE_REFUNDS (see the class comment).
     */
    Mono<Handled> settleOffline(Caller caller, UUID caseId, String reason, String reference) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 2) {
            return Mono.error(ApiException.invalid(
                    FieldViolation.of("reason", "not-blank", "say how and why it was settled outside WeChat Pay")));
        }
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        Instant now = clock.instant();
        return covered(caller, caseId)
                .flatMap(c -> Transactions.committed(
                                tx,
                                stillNeeded(c)
                                        .then(cases.resolve(
                                                        caseId,
                                                        PaymentCase.Status.SETTLED_OFFLINE,
                                                        caller.accountId(),
                                                        now,
                                                        why,
                                                        ref)
                                                .flatMap(won -> won
                                                        ? payments.gatewayDone(c.orderId())
                                                                .then(postOffline(c))
                                                                .then(refundState(c, "OFFLINE", now))
                                                                .then(audit.record(
                                                                        caller.accountId(),
                                                                        "PAYMENT_SETTLED_OFFLINE",
                                                                        "ORDER",
                                                                        c.orderId(),
                                                                        why))
                                                                .thenReturn(c)
                                                        : Mono.error(handledAlready()))))
                        .then(cases.find(caseId))
                        .map(handled -> new Handled(handled, null)));
    }

    private Mono<Void> postOffline(PaymentCase c) {
        if (c.action() != PaymentCase.Action.REFUND || c.amountFen() == 0) {
            return Mono.empty();
        }
        return Mono.zip(
                        ledger.account(MoneyAccount.Kind.REFUNDS, c.communityId(), c.communityId()),
                        ledger.account(MoneyAccount.Kind.OFFLINE_REFUNDS, c.communityId(), c.communityId()))
                .flatMap(t -> ledger.post(MoneyPosting.transfer(
                        "order:" + c.orderId() + ":offline-refund",
                        MoneyPosting.Kind.OFFLINE_REFUND,
                        c.communityId(),
                        c.orderId(),
                        t.getT1(),
                        t.getT2(),
                        c.amountFen())))
                .then();
    }

    private Mono<Void> refundState(PaymentCase c, String state, Instant at) {
        return c.action() == PaymentCase.Action.REFUND
                ? payments.refundState(Payment.outRefundNoOf(c.orderId()), state, at)
                : Mono.empty();
    }

    /** The case, when the caller is a worker of its community; otherwise a 404, so ids do not leak. */
    private Mono<PaymentCase> covered(Caller caller, UUID caseId) {
        return cases.find(caseId)
                .filter(c -> caller.covers(c.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment case")));
    }

    /**
     * The payment, locked, still needs what the case asks for: a closing case of a payment that has since been paid
     * (and so moved on to a refund) must not be settled or retried as a closing, which would stop that refund.
     */
    private Mono<Void> stillNeeded(PaymentCase c) {
        return payments.lockByOrder(c.orderId())
                .filter(p -> PaymentCase.Action.of(p.state()) == c.action())
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        ProblemType.PAYMENT_CASE_HANDLED,
                        "The payment has changed since this case opened (it was paid and is being refunded);"
                                + " reload the list")))
                .then();
    }

    private static ApiException handledAlready() {
        return new ApiException(
                ProblemType.PAYMENT_CASE_HANDLED,
                "Another worker has retried it or settled it offline already; reload the list");
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
