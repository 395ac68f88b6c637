package cn.carecircle.api.dispatch;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.dispatch.DispatchRepository.Seat;
import cn.carecircle.api.elders.Elder;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.notifications.Outbox;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderService.Actor;
import cn.carecircle.api.orders.OrderStatus;
import cn.carecircle.api.orders.OrderingProperties;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The visit at the door: the provider's jobs, check-in (position near the home and the elder's one-time visit
 * code; five wrong codes lock it), check-out with a note, and the visit codes the family reads to tell the elder.
 * The seat then holds the six electronic-visit elements: service, elder, provider, date, location, start and end.
 */
@Service
class Visits {

    /** A provider's job as they see it: the address and phone only while it is theirs to serve. */
    record Job(Order order, Seat seat, Elder elder, boolean showContact) {}

    /** The result of a check-in attempt, decided inside its transaction and turned into a problem after it. */
    private enum Attempt {
        CHECKED_IN,
        TOO_FAR,
        WRONG_CODE,
        LOCKED_NOW
    }

    private record AttemptResult(Attempt attempt, int distanceMetres, int attemptsLeft) {}

    private final DispatchRepository repository;
    private final OrderService orders;
    private final ElderService elders;
    private final ProviderService providers;
    private final Dispatcher dispatcher;
    private final Outbox outbox;
    private final AuditService audit;
    private final PersonalDataProtector protector;
    private final DispatchProperties properties;
    private final Duration confirmAfter;
    private final TransactionalOperator tx;
    private final Clock clock;

    Visits(
            DispatchRepository repository,
            OrderService orders,
            ElderService elders,
            ProviderService providers,
            Dispatcher dispatcher,
            Outbox outbox,
            AuditService audit,
            PersonalDataProtector protector,
            DispatchProperties properties,
            OrderingProperties ordering,
            TransactionalOperator tx,
            Clock clock) {
        this.repository = repository;
        this.orders = orders;
        this.elders = elders;
        this.providers = providers;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.audit = audit;
        this.protector = protector;
        this.properties = properties;
        this.confirmAfter = ordering.autoConfirmAfter();
        this.tx = tx;
        this.clock = clock;
    }

    Flux<Job> jobs(Caller caller) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers
                .mine(caller)
                .flatMapMany(p -> repository.jobOrderIds(p.id(), 100).concatMap(id -> job(id, p.id())));
    }

    Mono<Job> job(Caller caller, UUID orderId) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers.mine(caller).flatMap(p -> job(orderId, p.id()));
    }

    private Mono<Job> job(UUID orderId, UUID providerId) {
        return repository
                .seatsOf(orderId)
                .filter(s -> providerId.equals(s.providerId()))
                .next()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Job")))
                .flatMap(seat -> orders.byId(orderId)
                        .flatMap(order -> elders.forAssignedVisit(order.elderId())
                                .map(elder -> new Job(order, seat, elder, showContact(order.status())))));
    }

    /** The address and phone are the provider's to see while the job is open, not before and not after. */
    private static boolean showContact(OrderStatus status) {
        return status == OrderStatus.ASSIGNED || status == OrderStatus.IN_SERVICE || status == OrderStatus.MATCHING;
    }

    Mono<Job> checkIn(Caller caller, UUID orderId, GeoPoint position, String code) {
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
                                                .flatMap(seat -> attempt(caller, lock, seat, position, code))))
                        .flatMap(result -> switch (result.attempt()) {
                            case CHECKED_IN -> job(orderId, provider.id());
                            case TOO_FAR ->
                                Mono.error(new ApiException(
                                        ProblemType.UNPROCESSABLE,
                                        "Check in at the elder's home",
                                        List.of(FieldViolation.of(
                                                "position",
                                                "within-check-in-radius",
                                                "is " + result.distanceMetres()
                                                        + " m from the elder's home; check-in needs "
                                                        + properties.checkInRadiusMetres() + " m or less"))));
                            case WRONG_CODE ->
                                Mono.error(new ApiException(
                                        ProblemType.UNPROCESSABLE,
                                        "The visit code is wrong",
                                        List.of(FieldViolation.of(
                                                "visitCode",
                                                "matches-visit-code",
                                                "does not match the elder's visit code; " + result.attemptsLeft()
                                                        + " attempt(s) left"))));
                            case LOCKED_NOW -> Mono.error(locked());
                        }));
    }

    private static ApiException locked() {
        return new ApiException(
                ProblemType.CHECK_IN_LOCKED,
                "Check-in is locked after too many wrong visit codes; the community has been alerted");
    }

    private Mono<AttemptResult> attempt(
            Caller caller, DispatchRepository.OrderLock lock, Seat seat, GeoPoint position, String code) {
        if (seat.checkedInAt() != null) {
            return Mono.error(ApiException.illegalState("Already checked in"));
        }
        if (lock.status() != OrderStatus.ASSIGNED && lock.status() != OrderStatus.IN_SERVICE) {
            return Mono.error(ApiException.illegalState("An order that is " + lock.status() + " is not checked in"));
        }
        if (seat.checkInLocked()) {
            return Mono.error(locked());
        }
        Instant now = clock.instant();
        return orders.byId(lock.id())
                .flatMap(order -> elders.homeOf(order.elderId()).flatMap(home -> {
                    int distance = (int) Math.round(home.metresTo(position));
                    if (distance > properties.checkInRadiusMetres()) {
                        return Mono.just(new AttemptResult(Attempt.TOO_FAR, distance, 0));
                    }
                    if (!sameCode(protector.decrypt(seat.visitCodeEnc()), code)) {
                        int attempts = seat.wrongCodeAttempts() + 1;
                        boolean lockNow = attempts >= properties.maxWrongCodes();
                        Mono<Void> alert = lockNow
                                ? dispatcher.tellWorkers(
                                        order,
                                        Dispatcher.notice("check-in-locked", "上门签到已锁定", "服务人员连续输错验证码，签到已锁定，请核实老人情况"))
                                : Mono.empty();
                        return repository
                                .wrongCode(order.id(), seat.seatNo(), attempts, lockNow)
                                .then(alert)
                                .thenReturn(new AttemptResult(
                                        lockNow ? Attempt.LOCKED_NOW : Attempt.WRONG_CODE,
                                        distance,
                                        properties.maxWrongCodes() - attempts));
                    }
                    Mono<Void> inService = lock.status() == OrderStatus.ASSIGNED
                            ? orders.transition(
                                            order.id(),
                                            OrderStatus.ASSIGNED,
                                            OrderStatus.IN_SERVICE,
                                            new Actor("PROVIDER", caller.accountId()),
                                            "上门签到 (checked in with the visit code, " + distance + " m from home)")
                                    .then()
                            : Mono.empty();
                    return repository
                            .checkIn(order.id(), seat.seatNo(), position.lat(), position.lon(), distance, now)
                            .then(inService)
                            .then(dispatcher.tellFamily(
                                    order, Dispatcher.notice("checked-in", "服务人员已上门", "服务人员已到达并开始服务")))
                            .thenReturn(new AttemptResult(Attempt.CHECKED_IN, distance, 0));
                }));
    }

    /** Compares codes in constant time, so that timing tells nothing about how close a guess was. */
    private static boolean sameCode(String expected, String given) {
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    Mono<Job> checkOut(Caller caller, UUID orderId, String note) {
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
                                                    if (seat.checkedInAt() == null || seat.checkedOutAt() != null) {
                                                        return Mono.error(ApiException.illegalState(
                                                                seat.checkedInAt() == null
                                                                        ? "Check in before checking out"
                                                                        : "Already checked out"));
                                                    }
                                                    Instant now = clock.instant();
                                                    return repository
                                                            .checkOut(orderId, seat.seatNo(), note, now)
                                                            .flatMap(open -> open > 0
                                                                    ? Mono.empty()
                                                                    : complete(caller, orderId, now));
                                                })))
                        .then(job(orderId, provider.id())));
    }

    private Mono<Void> complete(Caller caller, UUID orderId, Instant now) {
        return orders.transition(
                        orderId,
                        OrderStatus.IN_SERVICE,
                        OrderStatus.COMPLETED,
                        new Actor("PROVIDER", caller.accountId()),
                        "服务完成，已签退 (checked out)")
                .flatMap(order -> repository
                        .completed(orderId, now, now.plus(confirmAfter))
                        .then(dispatcher.tellFamily(order, Dispatcher.notice("order-completed", "服务已完成", "请确认服务并评价"))));
    }

    /** The codes of the seats still to check in: for the bound family; a worker's read is audited. */
    Mono<List<Seat>> visitCodes(Caller caller, UUID orderId) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        return orders.get(caller, orderId).flatMap(order -> {
            boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(order.communityId());
            Mono<Void> audited = asWorker
                    ? audit.record(caller.accountId(), "READ_VISIT_CODE", "ORDER", orderId, null)
                    : Mono.empty();
            return audited.then(repository
                    .seatsOf(orderId)
                    .filter(s -> s.providerId() != null && s.checkedInAt() == null && s.visitCodeEnc() != null)
                    .collectList());
        });
    }

    String code(Seat seat) {
        return protector.decrypt(seat.visitCodeEnc());
    }

    /** A worker unlocks a locked check-in after speaking to the elder; a new code goes out by SMS. */
    Mono<Order> unlock(Caller caller, UUID orderId, int seatNo, String reason) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return orders.get(caller, orderId)
                .filter(order -> caller.covers(order.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Order")))
                .flatMap(order -> Transactions.committed(
                        tx,
                        repository
                                .lockOrder(orderId)
                                .then(repository.lockSeat(orderId, seatNo))
                                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Seat")))
                                .flatMap(seat -> {
                                    if (!seat.checkInLocked()) {
                                        return Mono.error(
                                                ApiException.illegalState("Check-in of this seat is not locked"));
                                    }
                                    return repository
                                            .unlock(orderId, seatNo, protector.encrypt(Dispatcher.newVisitCode()))
                                            .then(outbox.visitCodeSms(orderId, seatNo))
                                            .then(audit.record(
                                                    caller.accountId(), "UNLOCK_CHECK_IN", "ORDER", orderId, reason));
                                })))
                .then(orders.byId(orderId));
    }
}
