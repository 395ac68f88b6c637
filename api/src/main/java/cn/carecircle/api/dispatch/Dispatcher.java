package cn.carecircle.api.dispatch;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.dispatch.DispatchRepository.NewOffer;
import cn.carecircle.api.dispatch.DispatchRepository.OfferStatus;
import cn.carecircle.api.dispatch.DispatchRepository.OrderLock;
import cn.carecircle.api.notifications.Outbox;
import cn.carecircle.api.orders.DispatchTrigger;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderService.Actor;
import cn.carecircle.api.orders.OrderStatus;
import cn.carecircle.api.providers.Provider;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.api.timebank.TimeBankService;
import cn.carecircle.matching.RankedCandidate;
import cn.carecircle.matching.eligibility.Violation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Offer rounds, acceptance and manual assignment.
 *
 * <p>Every change of an order's dispatch happens under its row lock ({@code SELECT ... FOR UPDATE}), so that the
 * first valid acceptance of a seat wins and every later one sees the seat taken, whatever the concurrency and
 * however many api instances there are. Rounds are driven by the order's {@code round_expires_at} due time: it is
 * set to now when matching starts or a seat is freed, and to the offers' expiry when a round goes out; the
 * instance that claims a due order ({@code SKIP LOCKED}) runs its next round.
 */
@Service
class Dispatcher implements DispatchTrigger {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DispatchRepository repository;
    private final OrderService orders;
    private final OrderMatching matching;
    private final ProviderService providers;
    private final Outbox outbox;
    private final AuditService audit;
    private final TimeBankService timeBank;
    private final PersonalDataProtector protector;
    private final DispatchProperties properties;
    private final TransactionalOperator tx;
    private final Clock clock;

    private final Timer acceptance;

    Dispatcher(
            DispatchRepository repository,
            OrderService orders,
            OrderMatching matching,
            ProviderService providers,
            Outbox outbox,
            AuditService audit,
            TimeBankService timeBank,
            PersonalDataProtector protector,
            DispatchProperties properties,
            TransactionalOperator tx,
            Clock clock,
            MeterRegistry meters) {
        this.acceptance = Timer.builder("carecircle.dispatch.acceptance")
                .description(
                        "An offer's acceptance on the server: the claim's transaction, from its start to its commit")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.repository = repository;
        this.orders = orders;
        this.matching = matching;
        this.providers = providers;
        this.outbox = outbox;
        this.audit = audit;
        this.timeBank = timeBank;
        this.protector = protector;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    // --- rounds -------------------------------------------------------------------------------------------------

    @Override
    public Mono<Void> matchingStarted(Order order) {
        Instant now = clock.instant();
        return repository.roundDueNow(order.id(), now, deadline(order, now));
    }

    /** When matching gives up: soon for an order for now, shortly before the window for a scheduled one. */
    private Instant deadline(Order order, Instant now) {
        Instant soon = now.plus(properties.immediateDeadline());
        if (order.immediate()) {
            return soon;
        }
        Instant beforeStart = order.windowStart().minus(properties.scheduledDeadlineBeforeStart());
        return beforeStart.isAfter(soon) ? beforeStart : soon;
    }

    @Override
    public Mono<Void> runDueRound(UUID orderId) {
        return Transactions.committed(tx, Mono.defer(() -> {
            Instant now = clock.instant();
            return repository.claimDueRound(orderId, now).flatMap(lock -> nextRound(lock, now, false, false));
        }));
    }

    @Override
    public Mono<Void> cancelled(UUID orderId) {
        Instant now = clock.instant();
        return repository
                .closeOpenOffers(orderId, OfferStatus.WITHDRAWN, now)
                .collectList()
                .flatMap(accounts -> outbox.pushAll(accounts, orderId, notice("offer-withdrawn", "订单已取消", "该订单已被取消")))
                .then(repository.stopRounds(orderId))
                .then(repository
                        .seatsOf(orderId)
                        .filter(s -> s.providerId() != null)
                        .concatMap(s -> repository
                                .clearNoShow(orderId, s.seatNo())
                                .then(repository.accountOfProvider(s.providerId()))
                                .flatMap(account ->
                                        outbox.push(account, orderId, notice("job-cancelled", "订单已取消", "您接的服务订单已被取消"))))
                        .then());
    }

    /**
     * A confirmed time-bank order earns each volunteer who served it the minutes from check-in to check-out,
     * capped at the booked duration, from the community's pool (once per seat: the posting key). A community rule
     * refusing it (an earning cap) does not undo the confirmation: the time bank records the refusal for the
     * workers' signals, and the worker can record the hours by hand.
     */
    @Override
    public Mono<Void> confirmed(Order order) {
        if (order.settlement() != Order.Settlement.TIME_BANK) {
            return Mono.empty();
        }
        return repository
                .served(order.id())
                .filter(s -> "VOLUNTEER".equals(s.kind()))
                .concatMap(s -> {
                    long minutes = Math.min(
                            Duration.between(s.checkedInAt(), s.checkedOutAt()).toMinutes(), order.durationMinutes());
                    if (minutes <= 0) {
                        return Mono.empty();
                    }
                    return timeBank.issueForOrder(
                                    order.communityId(),
                                    s.accountId(),
                                    minutes,
                                    java.time.LocalDate.ofInstant(
                                            s.checkedInAt(), java.time.ZoneId.of("Asia/Shanghai")),
                                    "order:" + order.id() + ":seat:" + s.seatNo(),
                                    order.id(),
                                    serviceName(order) + "志愿服务")
                            .then()
                            .onErrorResume(ApiException.class, e -> {
                                log.warn(
                                        "Minutes of order {} seat {} not issued: {}",
                                        order.id(),
                                        s.seatNo(),
                                        e.getMessage());
                                return Mono.empty();
                            });
                })
                .then();
    }

    /**
     * The next round of a matching order whose row the caller holds locked: the open offers expire, and the next
     * ranked providers not yet asked get offers, or the order escalates when nobody is left or the deadline has
     * passed.
     *
     * @param askAgain whether providers whose earlier offers merely expired may be asked again (a worker's
     *     re-dispatch)
     * @param broadcast whether to offer every eligible provider at once
     */
    Mono<Void> nextRound(OrderLock lock, Instant now, boolean askAgain, boolean broadcast) {
        return repository
                .closeOpenOffers(lock.id(), OfferStatus.EXPIRED, now)
                .then(orders.byId(lock.id()))
                .flatMap(order -> {
                    if (lock.deadline() != null && !now.isBefore(lock.deadline())) {
                        return escalate(order, "调度超时，无人接单 (dispatch deadline passed)");
                    }
                    return Mono.zip(
                                    matching.match(order),
                                    repository.excludedProviders(order.id(), !askAgain),
                                    repository.emptySeats(order.id()),
                                    repository.canteenCouriers(order.id()))
                            .flatMap(t -> {
                                Set<UUID> excluded = t.getT2();
                                List<RankedCandidate> fresh = canteenFirst(
                                        t.getT1().result().eligible().stream()
                                                .filter(c -> !excluded.contains(UUID.fromString(c.providerId())))
                                                .toList(),
                                        t.getT4());
                                if (fresh.isEmpty()) {
                                    return escalate(order, "无可派单的服务人员 (no eligible provider left)");
                                }
                                int take = broadcast
                                        ? fresh.size()
                                        : Math.min(fresh.size(), properties.offersPerRound() * t.getT3());
                                List<NewOffer> offers = new ArrayList<>();
                                for (int i = 0; i < take; i++) {
                                    RankedCandidate c = fresh.get(i);
                                    offers.add(new NewOffer(UUID.fromString(c.providerId()), i + 1, c.travelMinutes()));
                                }
                                return sendRound(order, lock, offers, now);
                            });
                });
    }

    /**
     * A meal plan's day goes first to its canteen's couriers: while any of them is still eligible and not yet
     * asked, rounds go to them only; then to anyone, like any other order.
     */
    static List<RankedCandidate> canteenFirst(List<RankedCandidate> fresh, Set<UUID> couriers) {
        List<RankedCandidate> ofCanteen = fresh.stream()
                .filter(c -> couriers.contains(UUID.fromString(c.providerId())))
                .toList();
        return ofCanteen.isEmpty() ? fresh : ofCanteen;
    }

    private Mono<Void> sendRound(Order order, OrderLock lock, List<NewOffer> offers, Instant now) {
        int round = lock.round() + 1;
        Duration ttl = order.immediate() ? properties.immediateOfferTtl() : properties.scheduledOfferTtl();
        Instant expires = now.plus(ttl);
        if (lock.deadline() != null && expires.isAfter(lock.deadline())) {
            expires = lock.deadline();
        }
        Instant expiresAt = expires;
        return repository
                .insertOffers(order.id(), round, offers, now, expiresAt)
                .collectList()
                .flatMap(accounts -> outbox.pushAll(
                        accounts,
                        order.id(),
                        notice(
                                "offer",
                                "新的服务订单",
                                serviceName(order) + "，请在" + ttl.toSeconds() + "秒内接单",
                                Map.of("service", order.service().name(), "expiresAt", expiresAt.toString()))))
                .then(repository.setRound(order.id(), round, expiresAt, lock.deadline()));
    }

    private Mono<Void> escalate(Order order, String reason) {
        return orders.transition(order.id(), OrderStatus.MATCHING, OrderStatus.ESCALATED, Actor.SYSTEM, reason)
                .then(repository.stopRounds(order.id()))
                .then(tellFamily(order, notice("order-escalated", "正在为您安排服务", "社区工作人员正在人工为您安排服务人员")));
    }

    // --- the provider answers -----------------------------------------------------------------------------------

    /** The provider's open offers: service, time and travel minutes, never the address. */
    Flux<DispatchRepository.Offer> openOffers(Caller caller) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers.mine(caller).flatMapMany(p -> repository.openOffersOf(p.id(), clock.instant()));
    }

    /**
     * Accepts an offer: fills the next empty seat of the order if the offer is still open and unexpired and the
     * order is still matching; otherwise a 409 problem ({@code offer-taken} or {@code offer-expired}). Emits the
     * order's id.
     *
     * <p>The claim is a conditional update of the seat: PostgreSQL serialises concurrent updates of the seat's row,
     * and every contender after the first finds the seat filled when it re-reads the row, and updates nothing. A
     * contender holds no other lock while it waits, so contenders never deadlock with the winner, and they never
     * queue for the order's lock: only a winner takes it, to move the order on once no seat is empty.
     */
    Mono<UUID> accept(Caller caller, UUID offerId) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers
                .mine(caller)
                .flatMap(provider -> timed(Transactions.committed(tx, Mono.defer(() -> {
                    Instant now = clock.instant();
                    return repository
                            .findOffer(offerId)
                            .filter(o -> o.providerId().equals(provider.id()))
                            .switchIfEmpty(Mono.error(() -> ApiException.notFound("Offer")))
                            .flatMap(offer -> {
                                if (offer.status() == OfferStatus.ACCEPTED) {
                                    return Mono.just(offer.orderId()); // asked twice: the job is theirs already
                                }
                                if (offer.status() != OfferStatus.OPEN || !now.isBefore(offer.expiresAt())) {
                                    return Mono.error(refusal(offer, now));
                                }
                                return claimSeat(caller, provider, offer, now);
                            });
                }))));
    }

    /** The claim's time on the server, for the load benchmark and for operations (a Micrometer timer). */
    private <T> Mono<T> timed(Mono<T> claim) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start();
            return claim.doOnSuccess(done -> sample.stop(acceptance));
        });
    }

    private static ApiException refusal(DispatchRepository.Offer offer, Instant now) {
        return switch (offer.status()) {
            case DECLINED -> ApiException.illegalState("The offer was declined");
            case EXPIRED -> expired();
            case OPEN, ACCEPTED -> now.isBefore(offer.expiresAt()) ? taken() : expired();
            case TAKEN, WITHDRAWN -> taken();
        };
    }

    private Mono<UUID> claimSeat(Caller caller, Provider provider, DispatchRepository.Offer offer, Instant now) {
        return orders.byId(offer.orderId()).flatMap(order -> {
            Instant noShowDue = noShowDue(order, now, offer.travelMinutes());
            Mono<Integer> seat = fillSeat(order, provider.id(), "PROVIDER", caller.accountId(), null, noShowDue, now);
            return seat
                    // of a two-caregiver order, another provider may just have taken the seat this one aimed at
                    .switchIfEmpty(Mono.defer(() -> order.seatCount() > 1 ? seat : Mono.empty()))
                    .switchIfEmpty(Mono.error(Dispatcher::taken))
                    // the offer may have expired or been withdrawn meanwhile (a round ending, a cancellation)
                    .then(repository.acceptOffer(offer.id(), provider.id(), now))
                    .switchIfEmpty(Mono.defer(
                            () -> repository.findOffer(offer.id()).flatMap(o -> Mono.error(refusal(o, now)))))
                    .then(repository.lockOrder(order.id()))
                    .flatMap(lock -> lock.status() == OrderStatus.MATCHING
                            ? afterSeatFilled(
                                    order, lock.status(), new Actor("PROVIDER", caller.accountId()), null, now)
                            : Mono.error(taken()))
                    .thenReturn(order.id());
        });
    }

    private static ApiException taken() {
        return new ApiException(ProblemType.OFFER_TAKEN, "Another provider has taken this job");
    }

    private static ApiException expired() {
        return new ApiException(ProblemType.OFFER_EXPIRED, "The offer has expired and can no longer be accepted");
    }

    /**
     * When a missing check-in becomes a no-show: the grace period after the window starts, or after the provider
     * could have arrived when they were assigned late.
     */
    private Instant noShowDue(Order order, Instant now, double travelMinutes) {
        Instant arrival = now.plusSeconds((long) Math.ceil(travelMinutes * 60));
        Instant start = order.windowStart().isAfter(arrival) ? order.windowStart() : arrival;
        return start.plus(properties.noShowGrace());
    }

    /** Fills the next empty seat with a fresh visit code; emits the seat number, or nothing when none is empty. */
    private Mono<Integer> fillSeat(
            Order order, UUID providerId, String role, UUID by, String reason, Instant noShowDue, Instant now) {
        String code = newVisitCode();
        return repository
                .fillSeat(order.id(), providerId, role, by, reason, protector.encrypt(code), noShowDue, now)
                .flatMap(seat -> outbox.visitCodeSms(order.id(), seat)
                        .then(repository.accountOfProvider(providerId))
                        .flatMap(account -> outbox.push(
                                account, order.id(), notice("job-assigned", "您有新的服务任务", serviceName(order) + "，请按时上门")))
                        .thenReturn(seat));
    }

    /** After a seat is filled: the order is ASSIGNED once no seat is empty; the remaining offers are taken. */
    private Mono<Void> afterSeatFilled(Order order, OrderStatus from, Actor actor, String reason, Instant now) {
        return repository.emptySeats(order.id()).flatMap(empty -> {
            if (empty > 0) {
                return Mono.empty();
            }
            return orders.transition(order.id(), from, OrderStatus.ASSIGNED, actor, reason)
                    .then(repository
                            .closeOpenOffers(order.id(), OfferStatus.TAKEN, now)
                            .collectList()
                            .flatMap(accounts -> outbox.pushAll(
                                    accounts, order.id(), notice("offer-taken", "订单已被接走", "该订单已由其他服务人员接单"))))
                    .then(repository.stopRounds(order.id()))
                    .then(tellFamily(
                            order, notice("order-assigned", "已为您安排服务人员", serviceName(order) + "已安排，请留意上门验证码")));
        });
    }

    /** Declines an offer; when nobody offered in the round is left to answer, the next round is due at once. */
    Mono<Void> decline(Caller caller, UUID offerId) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers
                .mine(caller)
                .flatMap(provider -> Transactions.committed(
                        tx,
                        repository
                                .findOffer(offerId)
                                .filter(o -> o.providerId().equals(provider.id()))
                                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Offer")))
                                .flatMap(seen -> repository.lockOrder(seen.orderId()))
                                .flatMap(lock -> repository.findOffer(offerId).flatMap(offer -> {
                                    if (offer.status() != OfferStatus.OPEN) {
                                        return Mono.error(ApiException.illegalState("The offer is "
                                                + offer.status().name().toLowerCase() + " already"));
                                    }
                                    Instant now = clock.instant();
                                    return repository
                                            .answerOffer(offerId, OfferStatus.DECLINED, now)
                                            .then(repository.openOfferCount(offer.orderId()))
                                            .flatMap(open -> open == 0
                                                    ? repository.roundDue(offer.orderId(), now)
                                                    : Mono.empty())
                                            .thenReturn(offer.orderId());
                                }))))
                .flatMap(this::runDueRoundQuietly);
    }

    private Mono<Void> runDueRoundQuietly(UUID orderId) {
        return runDueRound(orderId).onErrorResume(e -> {
            log.warn("The next round of order {} is left to background work", orderId, e);
            return Mono.empty();
        });
    }

    /**
     * The provider gives up an accepted job before check-in: the seat is freed, the lapse counts against their
     * reliability, and the order is dispatched again.
     */
    Mono<Void> withdraw(Caller caller, UUID orderId, String reason) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers
                .mine(caller)
                .flatMap(provider -> Transactions.committed(
                        tx,
                        repository
                                .lockOrder(orderId)
                                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Job")))
                                .flatMap(lock -> repository
                                        .lockSeatOf(orderId, provider.id())
                                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Job")))
                                        .flatMap(seat -> {
                                            if (seat.checkedInAt() != null) {
                                                return Mono.error(ApiException.illegalState(
                                                        "After check-in a job can no longer be given up"));
                                            }
                                            return freeAndRedispatch(
                                                    lock,
                                                    provider.id(),
                                                    "CANCELLED",
                                                    reason,
                                                    new Actor("PROVIDER", caller.accountId()),
                                                    "服务人员取消接单: " + reason);
                                        }))))
                .then(runDueRoundQuietly(orderId));
    }

    /** Frees a provider's seat and, when the order was assigned, sends it back to matching with a new deadline. */
    Mono<Void> freeAndRedispatch(
            OrderLock lock, UUID providerId, String lapseKind, String lapseReason, Actor actor, String reason) {
        Instant now = clock.instant();
        return repository
                .freeSeat(lock.id(), providerId, lapseKind, lapseReason, now)
                .then(orders.byId(lock.id()))
                .flatMap(order -> {
                    Mono<Void> back = lock.status() == OrderStatus.ASSIGNED
                            ? orders.transition(order.id(), OrderStatus.ASSIGNED, OrderStatus.MATCHING, actor, reason)
                                    .then()
                            : Mono.empty();
                    Mono<Void> due = lock.status() == OrderStatus.ASSIGNED || lock.status() == OrderStatus.MATCHING
                            ? repository.roundDueNow(order.id(), now, now.plus(properties.immediateDeadline()))
                            : Mono.empty();
                    return back.then(due)
                            .then(tellFamily(order, notice("order-redispatched", "正在重新安排服务人员", "原服务人员无法上门，系统正在重新派单")));
                });
    }

    // --- the worker ---------------------------------------------------------------------------------------------

    /**
     * A worker assigns a provider by hand. Hard rules hold whatever the reason; a soft rule may be overridden with
     * a reason, which the audit trail keeps.
     */
    Mono<Order> assign(Caller caller, UUID orderId, UUID providerId, String reason) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return orders.get(caller, orderId)
                .filter(order -> caller.covers(order.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Order")))
                .flatMap(seen ->
                        Transactions.committed(tx, repository.lockOrder(orderId).flatMap(lock -> {
                            if (lock.status() != OrderStatus.ESCALATED && lock.status() != OrderStatus.MATCHING) {
                                return Mono.error(ApiException.illegalState(
                                        "Only an escalated or matching order is assigned by hand; this one is "
                                                + lock.status()));
                            }
                            return orders.byId(orderId)
                                    .flatMap(order -> assignLocked(caller, order, lock, providerId, why));
                        })))
                .then(orders.byId(orderId));
    }

    private Mono<Void> assignLocked(Caller caller, Order order, OrderLock lock, UUID providerId, String reason) {
        Set<String> seated = order.seats().stream()
                .filter(s -> s.providerId() != null)
                .map(s -> s.providerId().toString())
                .collect(Collectors.toSet());
        return matching.evaluate(order, providerId.toString(), seated).flatMap(evaluation -> {
            if (!evaluation.allowed()) {
                return Mono.error(new ApiException(
                        ProblemType.ASSIGNMENT_NOT_ALLOWED,
                        "The provider breaks a rule no reason can override",
                        evaluation.hardViolations().stream()
                                .map(v -> violation("providerId", v))
                                .toList()));
            }
            if (evaluation.needsReason() && reason == null) {
                List<FieldViolation> violations = new ArrayList<>();
                violations.add(FieldViolation.of(
                        "reason", "required-for-override", "assigning this provider overrides a rule: give a reason"));
                evaluation.softViolations().forEach(v -> violations.add(violation("providerId", v)));
                return Mono.error(new ApiException(
                        ProblemType.UNPROCESSABLE, "The assignment overrides a rule and needs a reason", violations));
            }
            Instant now = clock.instant();
            Instant noShowDue = noShowDue(order, now, evaluation.travelMinutes());
            Mono<Void> audited = evaluation.needsReason()
                    ? audit.record(
                            caller.accountId(),
                            "DISPATCH_OVERRIDE",
                            "ORDER",
                            order.id(),
                            reason + " [overrides: "
                                    + evaluation.softViolations().stream()
                                            .map(v -> v.rule().name())
                                            .collect(Collectors.joining(", "))
                                    + "; provider " + providerId + "]")
                    : Mono.empty();
            return fillSeat(order, providerId, "COMMUNITY_WORKER", caller.accountId(), reason, noShowDue, now)
                    .switchIfEmpty(Mono.error(() -> ApiException.illegalState("Every seat of the order is taken")))
                    .then(audited)
                    .then(afterSeatFilled(
                            order,
                            lock.status(),
                            new Actor(Role.COMMUNITY_WORKER.name(), caller.accountId()),
                            reason == null ? "人工派单 (assigned by hand)" : "人工派单: " + reason,
                            now));
        });
    }

    private static FieldViolation violation(String field, Violation v) {
        return FieldViolation.of(
                field, v.rule().name().toLowerCase().replace('_', '-'), v.rule().description() + ": " + v.detail());
    }

    /** A worker sends an escalated order back to matching; providers who only let an offer expire are asked again. */
    Mono<Order> redispatch(Caller caller, UUID orderId, String reason, boolean broadcast) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return orders.get(caller, orderId)
                .filter(order -> caller.covers(order.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Order")))
                .flatMap(seen ->
                        Transactions.committed(tx, repository.lockOrder(orderId).flatMap(lock -> {
                            if (lock.status() != OrderStatus.ESCALATED) {
                                return Mono.error(ApiException.illegalState(
                                        "Only an escalated order is sent back to matching; this one is "
                                                + lock.status()));
                            }
                            Instant now = clock.instant();
                            return orders.transition(
                                            orderId,
                                            OrderStatus.ESCALATED,
                                            OrderStatus.MATCHING,
                                            new Actor(Role.COMMUNITY_WORKER.name(), caller.accountId()),
                                            reason)
                                    .flatMap(order -> {
                                        Instant deadline = deadline(order, now);
                                        return repository
                                                .roundDueNow(orderId, now, deadline)
                                                .then(nextRound(
                                                        new OrderLock(
                                                                orderId, OrderStatus.MATCHING, lock.round(), deadline),
                                                        now,
                                                        true,
                                                        broadcast));
                                    });
                        })))
                .then(orders.byId(orderId));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    Mono<Void> tellFamily(Order order, Outbox.Notice notice) {
        return repository
                .familyAccountsOf(order.elderId())
                .concatMap(account -> outbox.push(account, order.id(), notice))
                .then();
    }

    Mono<Void> tellWorkers(Order order, Outbox.Notice notice) {
        return repository
                .workerAccountsOf(order.communityId())
                .concatMap(account -> outbox.push(account, order.id(), notice))
                .then();
    }

    static Outbox.Notice notice(String kind, String title, String body) {
        return new Outbox.Notice(kind, title, body, Map.of());
    }

    static Outbox.Notice notice(String kind, String title, String body, Map<String, String> data) {
        return new Outbox.Notice(kind, title, body, data);
    }

    static String serviceName(Order order) {
        return switch (order.service()) {
            case MEAL -> "助餐服务";
            case BATHING -> "助浴服务";
            case CLEANING -> "助洁服务";
            case MEDICAL_VISIT -> "助医服务";
        };
    }

    static String newVisitCode() {
        return String.format("%04d", RANDOM.nextInt(10_000));
    }
}
