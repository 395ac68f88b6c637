package cn.carecircle.api.orders;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.community.PriceListService;
import cn.carecircle.api.elders.Elder;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.families.FamilyBindings;
import cn.carecircle.api.notifications.Outbox;
import cn.carecircle.api.security.Caller;
import cn.carecircle.api.timebank.TimeBankService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Placing orders and moving them through their life cycle. Every change is a conditional update from the status
 * read, plus a timeline event, in one transaction: a concurrent change makes the loser's update touch no row, and
 * the loser gets a 409 problem.
 */
@Service
public class OrderService {

    /** Who made a change, as the timeline shows it. */
    public record Actor(String role, UUID accountId) {
        public static final Actor SYSTEM = new Actor("SYSTEM", null);

        static Actor of(Caller caller, boolean asWorker) {
            return new Actor(asWorker ? Role.COMMUNITY_WORKER.name() : Role.FAMILY.name(), caller.accountId());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository repository;
    private final ElderService elders;
    private final FamilyBindings bindings;
    private final PriceListService prices;
    private final OrderingProperties properties;
    private final Outbox outbox;
    private final TimeBankService timeBank;
    private final ObjectProvider<DispatchTrigger> dispatch;
    private final ObjectProvider<OrderSettlement> settlement;
    private final TransactionalOperator tx;
    private final Clock clock;

    OrderService(
            OrderRepository repository,
            ElderService elders,
            FamilyBindings bindings,
            PriceListService prices,
            OrderingProperties properties,
            Outbox outbox,
            TimeBankService timeBank,
            ObjectProvider<DispatchTrigger> dispatch,
            ObjectProvider<OrderSettlement> settlement,
            TransactionalOperator tx,
            Clock clock) {
        this.repository = repository;
        this.elders = elders;
        this.bindings = bindings;
        this.prices = prices;
        this.properties = properties;
        this.outbox = outbox;
        this.timeBank = timeBank;
        this.dispatch = dispatch;
        this.settlement = settlement;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Places the order in one transaction, a time-bank order paid in minutes in it; an order for now then has its
     * first round of offers sent at once, after the commit (should that fail, the round is still due and background
     * work sends it).
     */
    Mono<Order> place(Caller caller, PlaceOrderCommand command) {
        return Transactions.committed(tx, placeInTransaction(caller, command))
                .flatMap(order -> order.status() == OrderStatus.MATCHING
                        ? dispatch.getObject()
                                .runDueRound(order.id())
                                .onErrorResume(e -> {
                                    log.warn("The first round of order {} is left to background work", order.id(), e);
                                    return Mono.empty();
                                })
                                .then(repository.findById(order.id()))
                        : Mono.just(order));
    }

    private Mono<Order> placeInTransaction(Caller caller, PlaceOrderCommand command) {
        Instant now = clock.instant();
        Violations v = new Violations();
        if (!command.immediate()) {
            v.check(command.windowStart().isAfter(now), "window.start", "future", "must be in the future");
            v.check(
                    !command.windowStart().isAfter(now.plus(Duration.ofDays(properties.maxDaysAhead()))),
                    "window.start",
                    "within-days-ahead",
                    "must be within " + properties.maxDaysAhead() + " days");
        }
        v.throwIfAny();
        return elders.forOrdering(caller, command.elderId())
                .flatMap(elder -> prices.priceFor(
                                elder.communityId(),
                                command.service(),
                                command.durationMinutes(),
                                command.settlement() == Order.Settlement.TIME_BANK)
                        .flatMap(price -> {
                            boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(elder.communityId());
                            Order unpaid = newOrder(
                                    caller, command, elder, asWorker, price.priceFen(), price.timeBankMinutes(), now);
                            Actor actor = Actor.of(caller, asWorker);
                            // the family member pays from their own minutes; an elder who phoned in from theirs
                            Mono<Order> paid = unpaid.settlement() == Order.Settlement.TIME_BANK
                                    ? timeBank.chargeOrder(
                                                    unpaid.id(),
                                                    elder,
                                                    asWorker ? null : caller.accountId(),
                                                    unpaid.priceMinutes(),
                                                    caller.accountId(),
                                                    "订单兑换")
                                            .map(c -> unpaid.charged(c.minutes(), c.accountId()))
                                    : Mono.just(unpaid);
                            return paid.flatMap(order -> placed(order, command, actor, asWorker, now));
                        }));
    }

    private Mono<Order> placed(Order order, PlaceOrderCommand command, Actor actor, boolean asWorker, Instant now) {
        Mono<Void> placed = repository
                .insert(order)
                .then(repository.appendEvent(new OrderEvent(
                        order.id(),
                        now,
                        null,
                        OrderStatus.REQUESTED,
                        actor.role(),
                        actor.accountId(),
                        asWorker ? "电话下单 (phone-in order)" : null)))
                .then(outbox.orderChanged(order.id()));
        // an order for now goes to matching at once; a scheduled one when its dispatch time comes
        Mono<Void> matching = command.immediate()
                ? transition(order.id(), OrderStatus.REQUESTED, OrderStatus.MATCHING, Actor.SYSTEM, null)
                        .flatMap(dispatch.getObject()::matchingStarted)
                : Mono.empty();
        return placed.then(matching).then(repository.findById(order.id()));
    }

    private Order newOrder(
            Caller caller,
            PlaceOrderCommand command,
            Elder elder,
            boolean asWorker,
            long priceFen,
            Integer timeBankMinutes,
            Instant now) {
        boolean paid = command.settlement() == Order.Settlement.PAID;
        Instant start = command.immediate() ? now : command.windowStart();
        Instant end =
                command.immediate() ? now.plus(Duration.ofMinutes(command.durationMinutes())) : command.windowEnd();
        Order.Requirements requirements = command.requirements();
        if (command.service() == ServiceType.BATHING
                && requirements.caregiverGender() == null
                && elder.bathingGenderPreference() != null) {
            // the elder's own preference holds unless the order says otherwise
            requirements = new Order.Requirements(
                    elder.bathingGenderPreference(), requirements.twoCaregivers(), requirements.language());
        }
        return new Order(
                UUID.randomUUID(),
                elder.id(),
                elder.communityId(),
                command.service(),
                OrderStatus.REQUESTED,
                asWorker ? Order.Channel.PHONE : Order.Channel.APP,
                caller.accountId(),
                command.settlement(),
                paid ? priceFen : null,
                paid ? null : timeBankMinutes,
                null,
                null,
                command.durationMinutes(),
                start,
                end,
                command.immediate(),
                command.notes(),
                requirements,
                command.immediate() ? null : start.minus(properties.dispatchLeadTime()),
                now,
                elder.name(),
                List.of());
    }

    /** One served day of a recurring plan, as the plan prices and times it. */
    public record Occurrence(
            UUID planId,
            java.time.LocalDate day,
            UUID elderId,
            UUID communityId,
            ServiceType service,
            Order.Channel channel,
            UUID placedBy,
            Order.Settlement settlement,
            Long priceFen,
            Integer priceMinutes,
            int durationMinutes,
            Instant windowStart,
            Instant windowEnd,
            String notes) {}

    /**
     * Places one day's order of a recurring plan in the caller's transaction: a scheduled order like any other
     * (dispatch starts at its dispatch time), tied to its plan and day, recorded as placed by the system for the
     * plan. A time-bank day is paid first, as a time-bank order placed by the plan's placer would be; when the
     * minutes do not cover it, the 422 {@code insufficient-balance} problem comes back and nothing of the day is
     * written, so the caller may go on.
     */
    public Mono<Order> placeOccurrence(Occurrence o) {
        Instant now = clock.instant();
        Order unpaid = new Order(
                UUID.randomUUID(),
                o.elderId(),
                o.communityId(),
                o.service(),
                OrderStatus.REQUESTED,
                o.channel(),
                o.placedBy(),
                o.settlement(),
                o.priceFen(),
                o.priceMinutes(),
                null,
                null,
                o.durationMinutes(),
                o.windowStart(),
                o.windowEnd(),
                false,
                o.notes(),
                Order.Requirements.NONE,
                o.windowStart().minus(properties.dispatchLeadTime()),
                now,
                null,
                List.of());
        Mono<Order> paid = o.settlement() == Order.Settlement.TIME_BANK
                ? elders.forPlacedOrder(o.elderId())
                        .flatMap(elder -> timeBank.chargeOrder(
                                unpaid.id(),
                                elder,
                                o.channel() == Order.Channel.PHONE ? null : o.placedBy(),
                                o.priceMinutes(),
                                o.placedBy(),
                                "助餐计划 " + o.day()))
                        .map(c -> unpaid.charged(c.minutes(), c.accountId()))
                : Mono.just(unpaid);
        return paid.flatMap(order -> repository
                .insert(order)
                .then(repository.tieToPlan(order.id(), o.planId(), o.day()))
                .then(repository.appendEvent(new OrderEvent(
                        order.id(),
                        now,
                        null,
                        OrderStatus.REQUESTED,
                        Actor.SYSTEM.role(),
                        null,
                        "助餐计划 " + o.day() + " (meal plan)")))
                .then(outbox.orderChanged(order.id()))
                .then(repository.findById(order.id())));
    }

    /**
     * Moves an order from {@code from} to {@code to} and records it, or fails with a 409 problem when the
     * transition is illegal or the order is no longer in {@code from}. For the features that drive orders. A
     * cancelled time-bank order's minutes go back to the account that paid them.
     */
    @Transactional
    public Mono<Order> transition(UUID orderId, OrderStatus from, OrderStatus to, Actor actor, String reason) {
        if (!from.mayBecome(to)) {
            return Mono.error(ApiException.illegalState("An order cannot go from " + from + " to " + to));
        }
        return repository
                .transition(orderId, from, to)
                .flatMap(moved -> moved
                        ? repository
                                .appendEvent(new OrderEvent(
                                        orderId, clock.instant(), from, to, actor.role(), actor.accountId(), reason))
                                .then(outbox.orderChanged(orderId))
                                .then(
                                        to == OrderStatus.CONFIRMED
                                                ? repository
                                                        .findById(orderId)
                                                        .flatMap(order -> dispatch.getObject()
                                                                .confirmed(order)
                                                                .then(paymentConfirmed(order)))
                                                : Mono.empty())
                                .then(
                                        to == OrderStatus.CANCELLED
                                                ? repository.findById(orderId).flatMap(this::paymentCancelled)
                                                : Mono.empty())
                                .then(to == OrderStatus.CANCELLED ? refund(orderId, actor) : Mono.empty())
                        : Mono.error(ApiException.illegalState("The order changed meanwhile; it is no longer " + from)))
                .then(repository.findById(orderId));
    }

    private Mono<Void> paymentConfirmed(Order order) {
        OrderSettlement s = settlement.getIfAvailable();
        return s == null ? Mono.empty() : s.confirmed(order);
    }

    private Mono<Void> paymentCancelled(Order order) {
        OrderSettlement s = settlement.getIfAvailable();
        return s == null ? Mono.empty() : s.cancelled(order);
    }

    /** Only the first cancellation gets here (the conditional update), and the refund's key makes it once anyway. */
    private Mono<Void> refund(UUID orderId, Actor actor) {
        return repository
                .findById(orderId)
                .filter(order -> order.settlement() == Order.Settlement.TIME_BANK)
                .flatMap(order -> timeBank.refundOrder(orderId, actor.accountId()));
    }

    /** An order by id, for the features that drive orders (no access check); empty when unknown. */
    public Mono<Order> byId(UUID orderId) {
        return repository.findById(orderId);
    }

    /** An order the caller may see: of a bound elder (family), or of a covered community (staff). Else a 404. */
    public Mono<Order> get(Caller caller, UUID orderId) {
        caller.requireAccount();
        return repository
                .findById(orderId)
                .filterWhen(order -> maySee(caller, order))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Order")));
    }

    private Mono<Boolean> maySee(Caller caller, Order order) {
        if (caller.covers(order.communityId())) {
            return Mono.just(true);
        }
        return caller.has(Role.FAMILY) ? bindings.isActive(caller.accountId(), order.elderId()) : Mono.just(false);
    }

    /** A timeline event with its place in the order's timeline; live streams resume after the last one sent. */
    public record TimelineEntry(long seq, OrderEvent event) {}

    /**
     * The timeline events after {@code afterSeq} (0 for all), oldest first. No access check: a live stream checks
     * with {@link #get} once, when it opens.
     */
    public Flux<TimelineEntry> timelineAfter(UUID orderId, long afterSeq) {
        return repository.timelineAfter(orderId, afterSeq);
    }

    Mono<List<OrderEvent>> timeline(Caller caller, UUID orderId) {
        return get(caller, orderId).thenMany(repository.timeline(orderId)).collectList();
    }

    Mono<Page<Order>> list(Caller caller, UUID elderId, OrderStatus status, PageRequest page) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        if (caller.hasAny(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL)) {
            return repository.search(null, List.copyOf(caller.communityIds()), elderId, status, page);
        }
        return repository.search(caller.accountId(), null, elderId, status, page);
    }

    /** The family member (bound) or a worker (covering) cancels before check-in, with a reason. */
    @Transactional
    public Mono<Order> cancel(Caller caller, UUID orderId, String reason) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        return get(caller, orderId).flatMap(order -> {
            if (!order.status().cancellableBeforeCheckIn()) {
                return Mono.error(ApiException.illegalState(
                        "An order that is " + order.status() + " can no longer be cancelled"));
            }
            boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(order.communityId());
            return transition(orderId, order.status(), OrderStatus.CANCELLED, Actor.of(caller, asWorker), reason)
                    .flatMap(
                            cancelled -> dispatch.getObject().cancelled(orderId).thenReturn(cancelled));
        });
    }

    /**
     * The family member confirms the completed service; a worker may confirm for an elder who phoned the order
     * in (the elder has no app).
     */
    @Transactional
    Mono<Order> confirm(Caller caller, UUID orderId) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        return get(caller, orderId).flatMap(order -> {
            boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(order.communityId());
            if (asWorker && order.channel() != Order.Channel.PHONE) {
                return Mono.error(ApiException.forbidden(
                        "The family confirms an order placed in the app; a worker confirms phone-in orders"));
            }
            return transition(orderId, order.status(), OrderStatus.CONFIRMED, Actor.of(caller, asWorker), null)
                    .onErrorMap(
                            ApiException.class,
                            e -> order.status() == OrderStatus.COMPLETED
                                    ? e
                                    : ApiException.illegalState(
                                            "Only a completed order can be confirmed; this one is " + order.status()));
        });
    }

    /** Instead of confirming, the family disputes the service within the confirmation period. */
    @Transactional
    Mono<Order> dispute(Caller caller, UUID orderId, String reason) {
        caller.requireRole(Role.FAMILY);
        return get(caller, orderId).flatMap(order -> {
            if (order.status() != OrderStatus.COMPLETED) {
                return Mono.error(ApiException.illegalState(
                        "Only a completed order can be disputed; this one is " + order.status()));
            }
            return repository.confirmDueAt(orderId).flatMap(due -> {
                if (!clock.instant().isBefore(due)) {
                    return Mono.error(ApiException.illegalState(
                            "The confirmation period has ended; the order is confirmed automatically"));
                }
                return transition(
                        orderId, OrderStatus.COMPLETED, OrderStatus.DISPUTED, Actor.of(caller, false), reason);
            });
        });
    }

    /** A covering worker's finding on a disputed order: the service stands (CONFIRMED) or not (CANCELLED). */
    @Transactional
    Mono<Order> decideDispute(Caller caller, UUID orderId, OrderStatus outcome, String reason) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return get(caller, orderId)
                .filter(order -> caller.covers(order.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Order")))
                .flatMap(order -> order.status() != OrderStatus.DISPUTED
                        ? Mono.error(ApiException.illegalState(
                                "Only a disputed order gets a finding; this one is " + order.status()))
                        : transition(orderId, OrderStatus.DISPUTED, outcome, Actor.of(caller, true), reason));
    }
}
