package cn.carecircle.api.mealplans;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.community.PriceListEntry;
import cn.carecircle.api.community.PriceListService;
import cn.carecircle.api.elders.Elder;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderingProperties;
import cn.carecircle.api.providers.ServiceOrganisations;
import cn.carecircle.api.ratings.HolidayCalendars;
import cn.carecircle.api.ratings.WorkingDayCalendar;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recurring meal plans. Every change of a plan and the rolling creation of its days hold the plan's row lock, so
 * that a pause and the creation of the next days never interleave; a day has at most one live order (a unique
 * index backs this up).
 *
 * <p>A TIME_BANK plan pays each day in minutes when the day's order is created (the placer's own, or the elder's
 * for a plan a worker placed when the elder phoned in). A plan whose first meal the minutes do not cover is refused;
 * later, the first day they do not cover stops the creation there: the plan shows that day, and each midnight the
 * days are tried again from it, so that minutes given or earned meanwhile resume the plan by themselves.
 */
@Service
class MealPlanService {

    private static final Logger log = LoggerFactory.getLogger(MealPlanService.class);

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What the family member or the worker asks for. */
    record PlaceCommand(
            UUID elderId,
            UUID canteenId,
            MealPlan.Days days,
            int weeks,
            LocalDate firstDay,
            LocalTime windowStart,
            int windowMinutes,
            int durationMinutes,
            Order.Settlement settlement,
            String notes) {}

    /** What one creation run did: the orders it created, and the first day the minutes did not cover (or null). */
    record Extension(int created, LocalDate shortOfMinutesFrom) {}

    /** A plan as its readers see it: with the price of a meal today and its days from today on. */
    record View(MealPlan plan, PriceListEntry price, List<MealPlan.Occurrence> upcoming) {}

    private final MealPlanRepository repository;
    private final ElderService elders;
    private final ServiceOrganisations organisations;
    private final PriceListService prices;
    private final OrderService orders;
    private final HolidayCalendars calendars;
    private final OrderingProperties ordering;
    private final TransactionalOperator tx;
    private final Clock clock;

    MealPlanService(
            MealPlanRepository repository,
            ElderService elders,
            ServiceOrganisations organisations,
            PriceListService prices,
            OrderService orders,
            HolidayCalendars calendars,
            OrderingProperties ordering,
            TransactionalOperator tx,
            Clock clock) {
        this.repository = repository;
        this.elders = elders;
        this.organisations = organisations;
        this.prices = prices;
        this.orders = orders;
        this.calendars = calendars;
        this.ordering = ordering;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<View> place(Caller caller, PlaceCommand command) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        Violations v = new Violations();
        v.check(
                command.durationMinutes() <= command.windowMinutes(),
                "durationMinutes",
                "fits-window",
                "must not be longer than the delivery window (" + command.windowMinutes() + " min)");
        v.check(!command.firstDay().isBefore(today), "firstDay", "not-past", "must be today or later");
        v.check(
                !command.firstDay().isAfter(today.plusDays(ordering.maxDaysAhead())),
                "firstDay",
                "within-days-ahead",
                "must be within " + ordering.maxDaysAhead() + " days");
        v.throwIfAny();
        return elders.forOrdering(caller, command.elderId())
                .flatMap(elder -> organisations
                        .require(
                                command.canteenId(),
                                elder.communityId(),
                                ServiceOrganisations.Kind.CANTEEN,
                                "canteenId")
                        .then(priceOf(elder.communityId(), command.durationMinutes(), command.settlement()))
                        .flatMap(price -> {
                            MealPlan plan = newPlan(caller, command, elder, now);
                            return Transactions.committed(
                                    tx,
                                    repository
                                            .insert(plan)
                                            .then(extend(plan, now))
                                            .flatMap(done -> done.created() == 0 && done.shortOfMinutesFrom() != null
                                                    ? Mono.error(firstMealNotCovered(price))
                                                    : Mono.just(plan.id())));
                        }))
                .flatMap(this::view);
    }

    Mono<View> get(Caller caller, UUID planId) {
        return readable(caller, planId).flatMap(this::view);
    }

    Flux<View> ofElder(Caller caller, UUID elderId) {
        return elders.forOrdering(caller, elderId)
                .flatMapMany(elder -> repository.ofElder(elder.id()))
                .concatMap(plan -> view(plan.id()));
    }

    /** Stops creating days and cancels those not begun; the reason goes on each cancelled order's timeline. */
    Mono<View> pause(Caller caller, UUID planId, String reason) {
        return change(caller, planId, MealPlan.Status.PAUSED, reason);
    }

    Mono<View> cancel(Caller caller, UUID planId, String reason) {
        return change(caller, planId, MealPlan.Status.CANCELLED, reason);
    }

    /** Active again: days from today on (today only if its window is still ahead) are created again. */
    Mono<View> resume(Caller caller, UUID planId) {
        Instant now = clock.instant();
        LocalDate yesterday = LocalDate.ofInstant(now, CHINA).minusDays(1);
        return readable(caller, planId)
                .flatMap(found ->
                        Transactions.committed(tx, repository.lock(planId).flatMap(plan -> {
                            if (plan.status() != MealPlan.Status.PAUSED) {
                                return Mono.error(ApiException.illegalState(
                                        "Only a paused plan is resumed; this one is " + plan.status()));
                            }
                            LocalDate through = plan.createdThrough() == null
                                            || plan.createdThrough().isAfter(yesterday)
                                    ? yesterday
                                    : plan.createdThrough();
                            MealPlan active = withState(plan, MealPlan.Status.ACTIVE, through);
                            return repository
                                    .update(planId, MealPlan.Status.ACTIVE, through, null)
                                    .then(extend(active, now))
                                    .thenReturn(planId);
                        })))
                .flatMap(this::view);
    }

    private static ApiException firstMealNotCovered(PriceListEntry price) {
        return new ApiException(
                ProblemType.INSUFFICIENT_BALANCE,
                "The time-bank balance does not cover the first meal's " + price.timeBankMinutes() + " minutes",
                List.of(FieldViolation.of(
                        "settlement",
                        "balance",
                        "the payer's balance does not cover " + price.timeBankMinutes() + " minutes")));
    }

    private static boolean notCovered(Throwable e) {
        return e instanceof ApiException a && a.type() == ProblemType.INSUFFICIENT_BALANCE;
    }

    /**
     * Creates the plan's orders from the day after the last one considered up to the ordering horizon (or the
     * plan's last day), skipping days the plan does not serve, days whose window has begun and days that have a
     * live order already; then records how far it got and when to go on (the next midnight, China time). A
     * time-bank day the payer's minutes do not cover stops it there (see the class). Runs in the caller's
     * transaction, with the plan locked or new.
     */
    Mono<Extension> extend(MealPlan plan, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        LocalDate from = plan.createdThrough() == null
                ? plan.firstDay()
                : later(plan.firstDay(), plan.createdThrough().plusDays(1));
        from = later(from, today);
        LocalDate horizon = today.plusDays(ordering.maxDaysAhead());
        LocalDate to = plan.lastDay().isBefore(horizon) ? plan.lastDay() : horizon;
        Instant next = to.isBefore(plan.lastDay())
                ? today.plusDays(1).atStartOfDay(CHINA).toInstant()
                : null;
        LocalDate through =
                plan.createdThrough() != null && plan.createdThrough().isAfter(to) ? plan.createdThrough() : to;
        if (from.isAfter(to)) {
            return record(plan, through, next, null).thenReturn(new Extension(0, null));
        }
        LocalDate first = from;
        Mono<WorkingDayCalendar> calendar = plan.days() == MealPlan.Days.WORKDAYS
                ? calendars.calendar(first.getYear())
                : Mono.just(new WorkingDayCalendar(java.util.Map.of(), java.util.Map.of()));
        return Mono.zip(
                        calendar,
                        repository.liveDays(plan.id(), first, to).collect(HashSet<LocalDate>::new, Set::add),
                        priceOf(plan.communityId(), plan.durationMinutes(), plan.settlement()))
                .flatMapMany(t -> Flux.fromStream(Stream.iterate(first, d -> !d.isAfter(to), d -> d.plusDays(1)))
                        .filter(day ->
                                plan.days() == MealPlan.Days.DAILY || t.getT1().isWorkingDay(day))
                        .filter(day -> !t.getT2().contains(day))
                        .filter(day -> windowStart(plan, day).isAfter(now))
                        // a day not covered left nothing behind (its posting undid itself first) and ends the run
                        .concatMap(day -> orders.placeOccurrence(occurrence(plan, day, t.getT3()))
                                .thenReturn(Optional.<LocalDate>empty())
                                .onErrorResume(MealPlanService::notCovered, e -> Mono.just(Optional.of(day))))
                        .takeUntil(Optional::isPresent))
                .collectList()
                .flatMap(days -> {
                    int created = (int) days.stream().filter(Optional::isEmpty).count();
                    LocalDate shortFrom =
                            days.isEmpty() ? null : days.get(days.size() - 1).orElse(null);
                    if (shortFrom == null) {
                        return record(plan, through, next, null).thenReturn(new Extension(created, null));
                    }
                    log.info("Meal plan {} is short of minutes from {}; tried again at midnight", plan.id(), shortFrom);
                    return record(
                                    plan,
                                    shortFrom.minusDays(1),
                                    today.plusDays(1).atStartOfDay(CHINA).toInstant(),
                                    shortFrom)
                            .thenReturn(new Extension(created, shortFrom));
                });
    }

    private Mono<Void> record(MealPlan plan, LocalDate through, Instant next, LocalDate shortOfMinutesFrom) {
        return repository
                .update(plan.id(), MealPlan.Status.ACTIVE, through, next)
                .then(repository.shortOfMinutesFrom(plan.id(), shortOfMinutesFrom));
    }

    private Mono<View> change(Caller caller, UUID planId, MealPlan.Status to, String reason) {
        Instant now = clock.instant();
        return readable(caller, planId)
                .flatMap(found ->
                        Transactions.committed(tx, repository.lock(planId).flatMap(plan -> {
                            boolean allowed = to == MealPlan.Status.PAUSED
                                    ? plan.status() == MealPlan.Status.ACTIVE
                                    : plan.status() != MealPlan.Status.CANCELLED;
                            if (!allowed) {
                                return Mono.error(ApiException.illegalState("A plan that is " + plan.status()
                                        + " cannot be " + to.name().toLowerCase()));
                            }
                            String why = (to == MealPlan.Status.PAUSED ? "助餐计划暂停：" : "助餐计划取消：") + reason;
                            return repository
                                    .unservedAfter(planId, now)
                                    .concatMap(orderId -> orders.cancel(caller, orderId, why))
                                    .then(repository.update(planId, to, plan.createdThrough(), null))
                                    .thenReturn(planId);
                        })))
                .flatMap(this::view);
    }

    /** The plan, if the caller may order for its elder (the bound family member, a covering worker); else 404. */
    private Mono<MealPlan> readable(Caller caller, UUID planId) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        return repository
                .findById(planId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Meal plan")))
                .flatMap(plan -> elders.forOrdering(caller, plan.elderId())
                        .onErrorMap(ApiException.class, e -> ApiException.notFound("Meal plan"))
                        .thenReturn(plan));
    }

    private Mono<View> view(UUID planId) {
        return repository.findById(planId).flatMap(this::view);
    }

    private Mono<View> view(MealPlan plan) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
        return Mono.zip(
                priceOf(plan.communityId(), plan.durationMinutes(), plan.settlement())
                        .map(java.util.Optional::of)
                        .onErrorReturn(ApiException.class, java.util.Optional.empty()),
                repository.upcoming(plan.id(), today).collectList(),
                (price, upcoming) -> new View(plan, price.orElse(null), upcoming));
    }

    private Mono<PriceListEntry> priceOf(UUID communityId, int durationMinutes, Order.Settlement settlement) {
        return prices.priceFor(
                communityId, ServiceType.MEAL, durationMinutes, settlement == Order.Settlement.TIME_BANK);
    }

    private static MealPlan newPlan(Caller caller, PlaceCommand c, Elder elder, Instant now) {
        boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(elder.communityId());
        return new MealPlan(
                UUID.randomUUID(),
                elder.id(),
                elder.communityId(),
                c.canteenId(),
                caller.accountId(),
                asWorker ? Order.Channel.PHONE : Order.Channel.APP,
                c.settlement(),
                c.days(),
                c.firstDay(),
                c.firstDay().plusWeeks(c.weeks()).minusDays(1),
                c.windowStart(),
                c.windowMinutes(),
                c.durationMinutes(),
                c.notes(),
                MealPlan.Status.ACTIVE,
                null,
                null,
                null,
                now);
    }

    private static OrderService.Occurrence occurrence(MealPlan plan, LocalDate day, PriceListEntry price) {
        boolean paid = plan.settlement() == Order.Settlement.PAID;
        Instant start = windowStart(plan, day);
        return new OrderService.Occurrence(
                plan.id(),
                day,
                plan.elderId(),
                plan.communityId(),
                ServiceType.MEAL,
                plan.channel(),
                plan.placedBy(),
                plan.settlement(),
                paid ? price.priceFen() : null,
                paid ? null : price.timeBankMinutes(),
                plan.durationMinutes(),
                start,
                start.plus(Duration.ofMinutes(plan.windowMinutes())),
                plan.notes());
    }

    private static Instant windowStart(MealPlan plan, LocalDate day) {
        return day.atTime(plan.windowStart()).atZone(CHINA).toInstant();
    }

    private static MealPlan withState(MealPlan p, MealPlan.Status status, LocalDate createdThrough) {
        return new MealPlan(
                p.id(),
                p.elderId(),
                p.communityId(),
                p.canteenId(),
                p.placedBy(),
                p.channel(),
                p.settlement(),
                p.days(),
                p.firstDay(),
                p.lastDay(),
                p.windowStart(),
                p.windowMinutes(),
                p.durationMinutes(),
                p.notes(),
                status,
                createdThrough,
                p.shortOfMinutesFrom(),
                p.dueAt(),
                p.placedAt());
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
