package cn.carecircle.api.payments;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.community.PriceListService;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderSettlement;
import cn.carecircle.api.orders.OrderStatus;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.payments.AppPayment;
import cn.carecircle.payments.CreatePaymentCommand;
import cn.carecircle.payments.NotificationDeduplicator;
import cn.carecircle.payments.PaymentEvent;
import cn.carecircle.payments.PaymentGateway;
import cn.carecircle.payments.PaymentGatewayException;
import cn.carecircle.payments.PaymentServiceException;
import cn.carecircle.payments.RefundCommand;
import cn.carecircle.payments.UnverifiableMessageException;
import cn.carecircle.payments.WebhookRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Paying a PAID order: the elder's monthly subsidy first, then online through the gateway; everything is held in
 * escrow until the order is confirmed (then settled to the provider's payable) or cancelled before check-in (then
 * every part goes back where it came from). A TIME_BANK order never touches money.
 *
 * <p>Every change of a payment is a conditional update from the state it expects, in the same transaction as its
 * ledger posting, so a notification and a status query racing to settle the same online part settle it once.
 */
@Service
class PaymentService implements OrderSettlement {

    /** The subsidy's calendar month is China's. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private static final String DESCRIPTION = "一刻钟居家养老服务";

    record Split(UUID orderId, long subsidyFen, long onlineFen, long totalFen) {}

    /** A payment and, while its online part is awaited, what the family's app opens the payment sheet with. */
    record Paid(Payment payment, AppPayment app) {}

    private final OrderService orders;
    private final CommunityService communities;
    private final ElderService elders;
    private final ProviderService providers;
    private final PriceListService prices;
    private final PaymentRepository payments;
    private final SubsidyRepository subsidies;
    private final MoneyLedger ledger;
    private final PaymentGateway gateway;
    private final NotificationDeduplicator deduplicator;
    private final PaymentsProperties properties;
    private final cn.carecircle.api.audit.AuditService audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    PaymentService(
            OrderService orders,
            CommunityService communities,
            ElderService elders,
            ProviderService providers,
            PriceListService prices,
            PaymentRepository payments,
            SubsidyRepository subsidies,
            MoneyLedger ledger,
            PaymentGateway gateway,
            NotificationDeduplicator deduplicator,
            PaymentsProperties properties,
            cn.carecircle.api.audit.AuditService audit,
            TransactionalOperator tx,
            Clock clock) {
        this.orders = orders;
        this.communities = communities;
        this.elders = elders;
        this.providers = providers;
        this.prices = prices;
        this.payments = payments;
        this.subsidies = subsidies;
        this.ledger = ledger;
        this.gateway = gateway;
        this.deduplicator = deduplicator;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A community's monthly subsidy per eligible elder, whether it is the default, how many elders receive it, and
     * when and by whom it was last set (null while the default applies).
     */
    record Policy(
            UUID communityId,
            long monthlyFen,
            boolean communityDefault,
            int eligibleElders,
            java.time.Instant updatedAt,
            String updatedByName) {}

    /** For the operator, district officials and the community's workers. */
    Mono<Policy> policy(Caller caller, UUID communityId) {
        caller.requireRole(Role.ADMIN, Role.DISTRICT_OFFICIAL, Role.COMMUNITY_WORKER);
        if (!caller.covers(communityId)) {
            return Mono.error(ApiException.notFound("Community"));
        }
        return communities
                .get(communityId)
                .then(subsidies.eligibleElders(communityId))
                .flatMap(eligible -> subsidies
                        .stored(communityId)
                        .map(s -> new Policy(
                                communityId, s.monthlyFen(), false, eligible, s.updatedAt(), s.updatedByName()))
                        .defaultIfEmpty(
                                new Policy(communityId, properties.subsidyMonthlyFen(), true, eligible, null, null)));
    }

    /**
     * The operator sets it, as they set up price lists (the community's workers and the district official read it),
     * audited; a month already used keeps the limit it opened with (an elder's allowance never shrinks under a
     * payment already made), later months take the new one.
     */
    Mono<Policy> setPolicy(Caller caller, UUID communityId, long monthlyFen) {
        caller.requireRole(Role.ADMIN);
        return communities
                .get(communityId)
                .then(tx.transactional(subsidies
                        .setMonthlyFen(communityId, monthlyFen, clock.instant(), caller.accountId())
                        .then(audit.record(
                                caller.accountId(),
                                "SUBSIDY_POLICY_SET",
                                "COMMUNITY",
                                communityId,
                                "monthlyFen=" + monthlyFen))))
                .then(policy(caller, communityId));
    }

    /** A provider's paid jobs of a month and what they come to, settled and pending. */
    record Earnings(
            java.time.YearMonth month, long settledFen, long pendingFen, List<PaymentRepository.EarningRow> jobs) {}

    /** The signed-in provider's jobs whose window starts in the month (China time). */
    Mono<Earnings> earnings(Caller caller, java.time.YearMonth month) {
        java.time.Instant from = month.atDay(1).atStartOfDay(CHINA).toInstant();
        java.time.Instant until =
                month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toInstant();
        return providers
                .mine(caller)
                .flatMap(me -> payments.earningsOf(me.id(), from, until)
                        .collectList()
                        .map(jobs -> new Earnings(
                                month,
                                jobs.stream()
                                        .filter(j -> j.state() == Payment.State.SETTLED)
                                        .mapToLong(PaymentRepository.EarningRow::shareFen)
                                        .sum(),
                                jobs.stream()
                                        .filter(j -> j.state() != Payment.State.SETTLED)
                                        .mapToLong(PaymentRepository.EarningRow::shareFen)
                                        .sum(),
                                jobs)));
    }

    /** The split before paying (what is left of this month's allowance now); once paid, the split paid. */
    Mono<Split> quote(Caller caller, UUID orderId) {
        return orders.get(caller, orderId)
                .flatMap(order -> requirePaid(order)
                        .then(payments.findByOrder(orderId)
                                .map(p -> new Split(orderId, p.subsidyFen(), p.onlineFen(), p.totalFen()))
                                .switchIfEmpty(Mono.defer(() -> subsidyCap(order)
                                        .flatMap(cap -> cap == 0
                                                ? Mono.just(0L)
                                                : limitOf(order.communityId())
                                                        .flatMap(limit ->
                                                                subsidies.remaining(order.elderId(), month(), limit))
                                                        .map(left -> Math.min(cap, left)))
                                        .map(subsidy -> new Split(
                                                orderId, subsidy, order.priceFen() - subsidy, order.priceFen()))))));
    }

    /**
     * The ordering family member pays (or a covering worker, for a phone-in order the subsidy covers in full).
     * Paying again answers the same payment.
     */
    Mono<Paid> pay(Caller caller, UUID orderId, long expectedTotalFen) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        return orders.get(caller, orderId).flatMap(order -> {
            boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(order.communityId());
            if (asWorker
                    ? order.channel() != Order.Channel.PHONE
                    : !caller.accountId().equals(order.placedBy())) {
                return Mono.error(new ApiException(
                        ProblemType.NOT_THE_ORDERER,
                        "The family member who placed the order pays it; a worker pays phone-in orders"));
            }
            return requirePaid(order).then(Mono.defer(() -> {
                if (order.status().terminal() || order.status() == OrderStatus.DISPUTED) {
                    return Mono.error(ApiException.illegalState("An order that is " + order.status() + " is not paid"));
                }
                if (expectedTotalFen != order.priceFen()) {
                    return Mono.error(new ApiException(
                            ProblemType.UNPROCESSABLE,
                            "The order's total is " + order.priceFen() + " fen; ask for a new quote",
                            List.of(FieldViolation.of(
                                    "expectedTotalFen", "matches-quote", "must equal the quote's totalFen"))));
                }
                return payments.findByOrder(orderId)
                        .switchIfEmpty(Transactions.committed(tx, open(caller, order, asWorker))
                                .onErrorResume(AlreadyOpened.class, e -> payments.findByOrder(orderId)))
                        .flatMap(this::withAppPayment);
            }));
        });
    }

    /** Reserves the subsidy (it goes into escrow at once) and records the payment, in the caller's transaction. */
    private Mono<Payment> open(Caller caller, Order order, boolean asWorker) {
        LocalDate month = month();
        long total = order.priceFen();
        return subsidyCap(order)
                .flatMap(cap -> cap == 0
                        ? Mono.just(0L)
                        : limitOf(order.communityId())
                                .flatMap(limit -> subsidies.take(order.elderId(), month, limit, cap)))
                .flatMap(subsidy -> {
                    long online = total - subsidy;
                    if (asWorker && online > 0) {
                        return Mono.error(new ApiException(
                                ProblemType.UNPROCESSABLE,
                                "The subsidy covers " + subsidy + " of " + total
                                        + " fen; the rest is paid online by the family in the app",
                                List.of(FieldViolation.of(
                                        "expectedTotalFen",
                                        "subsidy-covers-phone-in",
                                        "a worker pays only what the subsidy covers in full"))));
                    }
                    Payment payment = new Payment(
                            order.id(),
                            order.communityId(),
                            order.elderId(),
                            caller.accountId(),
                            total,
                            subsidy,
                            online,
                            month,
                            Payment.outTradeNoOf(order.id()),
                            online == 0 ? Payment.State.HELD : Payment.State.PENDING,
                            null,
                            null);
                    return payments.insert(payment, clock.instant())
                            .flatMap(inserted -> inserted
                                    ? hold(payment, MoneyPosting.Kind.SUBSIDY_HOLD, payment.subsidyFen())
                                            .thenReturn(payment)
                                    : Mono.error(new AlreadyOpened()));
                });
    }

    /** A concurrent first payment of the same order got there first; its payment is the answer. */
    private static final class AlreadyOpened extends RuntimeException {
        AlreadyOpened() {
            super(null, null, false, false);
        }
    }

    private Mono<Paid> withAppPayment(Payment payment) {
        if (payment.state() != Payment.State.PENDING) {
            return Mono.just(new Paid(payment, null));
        }
        // the same out_trade_no and terms: WeChat Pay answers the same prepay session however often we ask
        return gateway.createAppPayment(
                        new CreatePaymentCommand(payment.outTradeNo(), DESCRIPTION, payment.onlineFen(), null, false))
                .map(app -> new Paid(payment, app))
                .onErrorMap(PaymentGatewayException.class, PaymentService::unavailable);
    }

    /** The payment; a pending online part is looked up with the gateway and, when paid, settled into escrow. */
    Mono<Payment> status(Caller caller, UUID orderId) {
        return orders.get(caller, orderId)
                .then(payments.findByOrder(orderId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment")))
                .flatMap(p -> p.state() != Payment.State.PENDING
                        ? Mono.just(p)
                        : lookUp(p)
                                .onErrorResume(PaymentGatewayException.class, e -> {
                                    log.warn("Payment of order {} could not be looked up: {}", orderId, e.toString());
                                    return Mono.just(true);
                                })
                                .then(payments.findByOrder(orderId)));
    }

    /**
     * Asks the gateway where a PENDING online part stands and settles it into escrow when paid (once, whatever
     * else settles it at the same time). Emits whether it is worth asking again: false once paid, or once the
     * gateway says it can no longer be paid (closed, failed). For the status query and for reconciliation.
     */
    Mono<Boolean> lookUp(Payment p) {
        return gateway.queryPayment(p.outTradeNo()).flatMap(s -> switch (s.state()) {
            case PAID ->
                onlinePaid(s.outTradeNo(), s.transactionId(), s.totalFen(), s.paidAt())
                        .thenReturn(false);
            case NOT_PAID, PAYING -> Mono.just(true);
            case REFUNDED, CLOSED, FAILED -> Mono.just(false);
        });
    }

    /**
     * A notification from WeChat Pay: verified (signature, time window, decryption) before anything else; an
     * unverifiable one is a 401 problem and changes nothing; a replay changes nothing.
     */
    Mono<Void> notified(WebhookRequest request) {
        return gateway.parseNotification(request)
                .onErrorMap(
                        UnverifiableMessageException.class,
                        e -> new ApiException(
                                ProblemType.UNAUTHENTICATED,
                                "The notification could not be verified (" + e.reason() + ")"))
                .flatMap(result -> {
                    if (result.duplicate()) {
                        return Mono.empty();
                    }
                    PaymentEvent event = result.event();
                    Mono<Void> work;
                    if (event instanceof PaymentEvent.PaymentSucceeded s) {
                        work = onlinePaid(s.outTradeNo(), s.transactionId(), s.paidFen(), s.paidAt());
                    } else if (event instanceof PaymentEvent.RefundChanged r) {
                        work = payments.refundState(r.outRefundNo(), r.state().name(), clock.instant());
                    } else {
                        work = Mono.empty();
                    }
                    // processing failed: forget the id, so that WeChat Pay's redelivery is processed
                    return work.onErrorResume(
                            e -> deduplicator.forget(event.notificationId()).then(Mono.error(e)));
                });
    }

    /** Moves the paid online part into escrow, once: PENDING → HELD and its posting in one transaction. */
    private Mono<Void> onlinePaid(String outTradeNo, String transactionId, long paidFen, java.time.Instant paidAt) {
        return tx.transactional(payments.findByOutTradeNo(outTradeNo)
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("A payment for unknown order number {}", outTradeNo)))
                .flatMap(p -> {
                    if (paidFen != p.onlineFen()) {
                        log.error(
                                "Order {} was paid {} fen online, not {}: left for a person to check",
                                p.orderId(),
                                paidFen,
                                p.onlineFen());
                        return Mono.empty();
                    }
                    if (p.state() == Payment.State.CLOSED) {
                        return paidAfterClosing(p);
                    }
                    return payments.onlinePaid(outTradeNo, transactionId, paidAt, clock.instant())
                            .flatMap(moved -> moved
                                    ? hold(p, MoneyPosting.Kind.ONLINE_HOLD, p.onlineFen())
                                            .then(settleIfAlreadyConfirmed(p))
                                    : Mono.empty());
                }));
    }

    /** The order was confirmed while its online part was still awaited: the money goes on to the provider now. */
    private Mono<Void> settleIfAlreadyConfirmed(Payment p) {
        return orders.byId(p.orderId())
                .filter(order -> order.status() == OrderStatus.CONFIRMED)
                .flatMap(order -> payments.transition(
                                p.orderId(), Payment.State.HELD, Payment.State.SETTLED, clock.instant())
                        .filter(Boolean::booleanValue)
                        .flatMap(moved -> settle(p)));
    }

    /**
     * The family paid just as the order was cancelled (closing the payment came too late): the money is recorded
     * coming in and going back, and refunded. Exactly one caller moves CLOSED to REFUNDED and posts.
     */
    private Mono<Void> paidAfterClosing(Payment p) {
        return payments.refundingClosed(p.orderId(), Payment.outRefundNoOf(p.orderId()), clock.instant())
                .filter(Boolean::booleanValue)
                .flatMap(moved ->
                        hold(p, MoneyPosting.Kind.ONLINE_HOLD, p.onlineFen()).then(refund(p)));
    }

    /** Confirmed: what the order holds in escrow goes to the payable of whoever served it. */
    @Override
    public Mono<Void> confirmed(Order order) {
        if (order.settlement() != Order.Settlement.PAID) {
            return Mono.empty();
        }
        return payments.findByOrder(order.id()).flatMap(p -> {
            if (p.state() != Payment.State.HELD) {
                if (p.state() == Payment.State.PENDING) {
                    log.warn("Order {} was confirmed with its online part unpaid", order.id());
                }
                return Mono.empty();
            }
            return payments.transition(order.id(), Payment.State.HELD, Payment.State.SETTLED, clock.instant())
                    .filter(Boolean::booleanValue)
                    .flatMap(moved -> settle(p));
        });
    }

    private Mono<Void> settle(Payment p) {
        return payments.payeesOf(p.orderId()).collectList().flatMap(payees -> {
            if (payees.isEmpty()) {
                return Mono.error(new IllegalStateException("Order " + p.orderId() + " has nobody to pay"));
            }
            // seats share the price; the first takes what does not divide evenly
            Map<UUID, Long> shares = new LinkedHashMap<>();
            long each = p.totalFen() / payees.size();
            for (int i = 0; i < payees.size(); i++) {
                long share = each + (i == 0 ? p.totalFen() - each * payees.size() : 0);
                shares.merge(payees.get(i), share, Long::sum);
            }
            return escrow(p)
                    .flatMap(escrow -> reactor.core.publisher.Flux.fromIterable(shares.entrySet())
                            .concatMap(e -> ledger.account(MoneyAccount.Kind.PAYABLE, e.getKey(), p.communityId())
                                    .map(a -> new MoneyPosting.Leg(a, e.getValue())))
                            .collectList()
                            .flatMap(legs -> {
                                List<MoneyPosting.Leg> all = new java.util.ArrayList<>(legs);
                                all.add(new MoneyPosting.Leg(escrow, -p.totalFen()));
                                return ledger.post(new MoneyPosting(
                                        key(p, "settle"), MoneyPosting.Kind.SETTLE, p.communityId(), p.orderId(), all));
                            })
                            .then());
        });
    }

    /**
     * Cancelled before check-in (or after a dispute found for the family): the subsidy goes back to the fund and
     * the month's allowance; a paid online part is refunded through the gateway, an unpaid one closed, once the
     * cancellation has committed.
     */
    @Override
    public Mono<Void> cancelled(Order order) {
        if (order.settlement() != Order.Settlement.PAID) {
            return Mono.empty();
        }
        return payments.findByOrder(order.id()).flatMap(p -> switch (p.state()) {
            case PENDING ->
                payments.transition(p.orderId(), Payment.State.PENDING, Payment.State.CLOSED, clock.instant())
                        .filter(Boolean::booleanValue)
                        .flatMap(moved -> returnSubsidy(p).then(askGatewayAfterCommit(p, Payment.State.CLOSED)));
            case HELD ->
                (p.onlineFen() == 0
                                ? payments.transition(
                                        p.orderId(), Payment.State.HELD, Payment.State.REFUNDED, clock.instant())
                                : payments.refunding(p.orderId(), Payment.outRefundNoOf(p.orderId()), clock.instant()))
                        .filter(Boolean::booleanValue)
                        .flatMap(moved -> returnSubsidy(p).then(refund(p)));
            default -> Mono.empty();
        });
    }

    private Mono<Void> returnSubsidy(Payment p) {
        if (p.subsidyFen() == 0) {
            return Mono.empty();
        }
        return subsidies
                .giveBack(p.elderId(), p.subsidyMonth(), p.subsidyFen())
                .then(Mono.zip(escrow(p), subsidyFund(p)))
                .flatMap(t -> ledger.post(MoneyPosting.transfer(
                        key(p, "subsidy-return"),
                        MoneyPosting.Kind.SUBSIDY_RETURN,
                        p.communityId(),
                        p.orderId(),
                        t.getT1(),
                        t.getT2(),
                        p.subsidyFen())))
                .then();
    }

    private Mono<Void> refund(Payment p) {
        if (p.onlineFen() == 0) {
            return Mono.empty();
        }
        String outRefundNo = Payment.outRefundNoOf(p.orderId());
        return Mono.zip(escrow(p), ledger.account(MoneyAccount.Kind.REFUNDS, p.communityId(), p.communityId()))
                .flatMap(t -> ledger.post(MoneyPosting.transfer(
                        key(p, "refund"),
                        MoneyPosting.Kind.REFUND,
                        p.communityId(),
                        p.orderId(),
                        t.getT1(),
                        t.getT2(),
                        p.onlineFen())))
                // WeChat Pay reports the outcome by notification
                .then(askGatewayAfterCommit(p, Payment.State.REFUNDED));
    }

    /**
     * In the cancelling transaction: the gateway is due to refund or close the online part, and is asked at once
     * after the commit. Background work asks again at the due time and records the gateway's acceptance (no
     * database write follows the commit here), so a call lost after the commit is repeated.
     */
    private Mono<Void> askGatewayAfterCommit(Payment p, Payment.State now) {
        Payment moved = withState(p, now);
        return payments.gatewayDue(p.orderId(), clock.instant().plus(GATEWAY_RETRY))
                .then(afterCommit(askGateway(moved), "ask the gateway about", moved));
    }

    /** How long after a failed (or unconfirmed) gateway call background work asks again, at first. */
    static final java.time.Duration GATEWAY_RETRY = java.time.Duration.ofMinutes(1);

    /**
     * Asks the gateway to refund (REFUNDED) or close (CLOSED) the payment's online part. The same out_refund_no or
     * out_trade_no every time, so asking again never refunds twice.
     */
    Mono<Void> askGateway(Payment p) {
        if (p.state() == Payment.State.REFUNDED && p.onlineFen() > 0) {
            return gateway.refund(new RefundCommand(
                            Payment.outRefundNoOf(p.orderId()), p.outTradeNo(), p.onlineFen(), p.onlineFen(), "订单已取消"))
                    .then();
        }
        if (p.state() == Payment.State.CLOSED) {
            return gateway.closePayment(p.outTradeNo());
        }
        return Mono.empty();
    }

    private static Payment withState(Payment p, Payment.State state) {
        return new Payment(
                p.orderId(),
                p.communityId(),
                p.elderId(),
                p.paidBy(),
                p.totalFen(),
                p.subsidyFen(),
                p.onlineFen(),
                p.subsidyMonth(),
                p.outTradeNo(),
                state,
                p.outRefundNo(),
                p.refundState());
    }

    /** Posts {@code fen} of the payment into escrow (subsidy fund or external → escrow). */
    private Mono<Void> hold(Payment p, MoneyPosting.Kind kind, long fen) {
        if (fen == 0) {
            return Mono.empty();
        }
        Mono<MoneyAccount> from = kind == MoneyPosting.Kind.SUBSIDY_HOLD
                ? subsidyFund(p)
                : ledger.account(MoneyAccount.Kind.EXTERNAL, p.communityId(), p.communityId());
        return Mono.zip(from, escrow(p))
                .flatMap(t -> ledger.post(MoneyPosting.transfer(
                        key(p, kind == MoneyPosting.Kind.SUBSIDY_HOLD ? "subsidy-hold" : "online-hold"),
                        kind,
                        p.communityId(),
                        p.orderId(),
                        t.getT1(),
                        t.getT2(),
                        fen)))
                .then();
    }

    private Mono<MoneyAccount> escrow(Payment p) {
        return ledger.account(MoneyAccount.Kind.ESCROW, p.communityId(), p.communityId());
    }

    private Mono<MoneyAccount> subsidyFund(Payment p) {
        return ledger.account(MoneyAccount.Kind.SUBSIDY_FUND, p.communityId(), p.communityId());
    }

    private static String key(Payment p, String what) {
        return "order:" + p.orderId() + ":" + what;
    }

    /**
     * Runs {@code call} to the gateway once the caller's transaction has committed (never on rollback), so no
     * database transaction waits on the network; its failure is logged and fails nothing, since the key it
     * carries makes calling again harmless.
     */
    private Mono<Void> afterCommit(Mono<Void> call, String what, Payment p) {
        Mono<Void> safe = call.onErrorResume(e -> {
            log.warn("Could not {} order {}: {}", what, p.orderId(), e.toString());
            return Mono.empty();
        });
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(transaction -> {
                    if (!transaction.isSynchronizationActive()) {
                        return safe;
                    }
                    transaction.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return safe;
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, none -> safe);
    }

    /** Whether the subsidy may pay for the order: the elder is eligible and the price-list entry is. */
    private Mono<Long> subsidyCap(Order order) {
        Mono<Boolean> entryEligible = prices.priceFor(order.communityId(), order.service(), order.durationMinutes())
                .map(e -> e.subsidyEligible())
                .onErrorResume(ApiException.class, gone -> Mono.just(false));
        return elders.forAssignedVisit(order.elderId())
                .map(e -> e.subsidyEligible())
                .zipWith(entryEligible, (a, b) -> a && b ? order.priceFen() : 0L);
    }

    private Mono<Long> limitOf(UUID communityId) {
        return subsidies.monthlyFen(communityId).defaultIfEmpty(properties.subsidyMonthlyFen());
    }

    private LocalDate month() {
        return clock.instant().atZone(CHINA).toLocalDate().withDayOfMonth(1);
    }

    private static Mono<Void> requirePaid(Order order) {
        return order.settlement() == Order.Settlement.PAID
                ? Mono.empty()
                : Mono.error(new ApiException(
                        ProblemType.UNPROCESSABLE,
                        "A time-bank order is paid in minutes, never in money",
                        List.of(FieldViolation.of("settlement", "paid", "only a PAID order has a quote in fen"))));
    }

    private static ApiException unavailable(PaymentGatewayException e) {
        if (e instanceof PaymentServiceException s && s.isDeclined()) {
            log.warn("WeChat Pay declined: {}", s.code());
            return ApiException.illegalState("WeChat Pay declined the payment (" + s.code() + ")");
        }
        log.warn("WeChat Pay unavailable: {}", e.toString());
        return new ApiException(ProblemType.SERVICE_UNAVAILABLE, "WeChat Pay could not be reached; pay again");
    }
}
