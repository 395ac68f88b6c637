package cn.carecircle.api.visits;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Masking;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.providers.ProviderKind;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Monthly visits. A community worker records visits to the special-difficulty elders of the communities they cover;
 * workers and district officials read a community's month. Elders outside the caller's communities are a 404, so
 * ids do not leak. Months are China's.
 */
@Service
public class VisitService {

    /** Months and days of the visit plan are China's. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final Comparator<VisitMonth.UnvisitedElder> OVERDUE_FIRST = Comparator.comparing(
                    (VisitMonth.UnvisitedElder u) -> !u.overdue())
            .thenComparing(VisitMonth.UnvisitedElder::lastVisitedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(VisitMonth.UnvisitedElder::maskedName)
            .thenComparing(VisitMonth.UnvisitedElder::elderId);

    private final VisitRepository repository;
    private final CommunityService communities;
    private final ElderService elders;
    private final ProviderService providers;
    private final OrderService orders;
    private final Clock clock;

    VisitService(
            VisitRepository repository,
            CommunityService communities,
            ElderService elders,
            ProviderService providers,
            OrderService orders,
            Clock clock) {
        this.repository = repository;
        this.communities = communities;
        this.elders = elders;
        this.providers = providers;
        this.orders = orders;
        this.clock = clock;
    }

    /** The current month in China. */
    public YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(CHINA));
    }

    Mono<Set<VisitMethod>> settings(Caller caller, UUID communityId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
        return covered(caller, communityId).then(repository.allowedMethods(communityId));
    }

    @Transactional
    Mono<Set<VisitMethod>> changeSettings(Caller caller, UUID communityId, Set<VisitMethod> methods) {
        caller.requireRole(Role.ADMIN);
        if (methods == null || methods.isEmpty()) {
            return Mono.error(ApiException.invalid(
                    FieldViolation.of("allowedMethods", "required", "allow at least one way of visiting")));
        }
        return communities
                .get(communityId)
                .then(repository.saveSettings(communityId, methods, caller.accountId(), clock.instant()))
                .then(repository.allowedMethods(communityId));
    }

    @Transactional
    public Mono<VisitRecord> record(Caller caller, RecordVisitCommand command) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        Instant now = clock.instant();
        if (command.visitedAt().isAfter(now)) {
            return Mono.error(ApiException.invalid(new FieldViolation(
                    "visitedAt", "not-future", "a visit cannot be recorded before it is made", null)));
        }
        YearMonth month = YearMonth.from(command.visitedAt().atZone(CHINA));
        return elders.communityOf(command.elderId())
                .filter(caller::covers)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")))
                .flatMap(communityId -> (month.equals(currentMonth())
                                ? repository.ensurePlans(communityId, month, now)
                                : Mono.just(0L))
                        .then(repository.allowedMethods(communityId))
                        .flatMap(allowed -> allowed.contains(command.method())
                                ? Mono.just(communityId)
                                : Mono.error(unprocessable(
                                        "method",
                                        "allowed-method",
                                        "the community allows visits " + allowed + " only"))))
                .flatMap(communityId -> repository
                        .findSlot(command.elderId(), month)
                        .switchIfEmpty(Mono.error(() -> unprocessable(
                                "elderId",
                                "visit-planned",
                                "the elder has no visit slot in " + month
                                        + ": only special-difficulty elders are visited monthly")))
                        .flatMap(slot -> slot.filled()
                                ? Mono.error(new ApiException(
                                        ProblemType.DUPLICATE,
                                        "The elder's visit of " + month + " is recorded already"))
                                : visitor(caller, command, communityId)
                                        .flatMap(visitorAccount -> followUpOrder(caller, command)
                                                .then(Mono.defer(() -> {
                                                    UUID id = UUID.randomUUID();
                                                    return repository
                                                            .insert(new VisitRepository.NewVisit(
                                                                    id,
                                                                    slot.planId(),
                                                                    command.elderId(),
                                                                    communityId,
                                                                    command,
                                                                    visitorAccount,
                                                                    caller.accountId(),
                                                                    now))
                                                            .then(repository.findRecord(id));
                                                })))));
    }

    /** The account of who went: the community's volunteer the worker names, or the worker. */
    private Mono<UUID> visitor(Caller caller, RecordVisitCommand command, UUID communityId) {
        if (command.visitorProviderId() == null) {
            return Mono.just(caller.accountId());
        }
        return providers
                .get(caller, command.visitorProviderId())
                .onErrorResume(ApiException.class, e -> Mono.empty())
                .filter(p ->
                        p.kind() == ProviderKind.VOLUNTEER && p.communityId().equals(communityId))
                .map(p -> p.accountId())
                .switchIfEmpty(Mono.error(() -> unprocessable(
                        "visitorProviderId", "community-volunteer", "must be a volunteer of the elder's community")));
    }

    private Mono<Void> followUpOrder(Caller caller, RecordVisitCommand command) {
        if (command.followUpOrderId() == null) {
            return Mono.empty();
        }
        return orders.get(caller, command.followUpOrderId())
                .onErrorResume(ApiException.class, e -> Mono.empty())
                .filter(order -> order.elderId().equals(command.elderId()))
                .switchIfEmpty(Mono.error(() -> unprocessable(
                        "followUpOrderId", "same-elder", "must be an order placed for the visited elder")))
                .then();
    }

    /** The month of a community: figures, the elders still to visit (overdue first) and the visits made. */
    @Transactional
    Mono<VisitMonth> month(Caller caller, UUID communityId, YearMonth requested) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        YearMonth current = currentMonth();
        YearMonth month = requested == null ? current : requested;
        if (month.isAfter(current)) {
            return Mono.error(ApiException.invalid(
                    new FieldViolation("month", "not-future", "must not be after " + current, month.toString())));
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(CHINA).toLocalDate();
        boolean closed = month.isBefore(current);
        int daysLeft = closed ? 0 : month.lengthOfMonth() - today.getDayOfMonth() + 1;
        Mono<Long> plans = closed ? Mono.just(0L) : repository.ensurePlans(communityId, month, now);
        return covered(caller, communityId)
                .then(plans)
                .then(Mono.zip(
                        repository.monthPlans(communityId, month, CHINA).collectList(),
                        repository.monthRecords(communityId, month).collectList(),
                        repository.allowedMethods(communityId)))
                .map(t -> {
                    List<VisitRepository.PlanRow> rows = t.getT1();
                    int visited = (int) rows.stream()
                            .filter(VisitRepository.PlanRow::visited)
                            .count();
                    List<VisitMonth.UnvisitedElder> unvisited = rows.stream()
                            .filter(r -> !r.visited())
                            .map(r -> new VisitMonth.UnvisitedElder(
                                    r.elderId(),
                                    Masking.name(r.name()),
                                    Period.between(r.birthDate(), today).getYears(),
                                    r.mobility(),
                                    closed || r.missedPreviousMonth(),
                                    daysLeft,
                                    r.lastVisitedAt()))
                            .sorted(OVERDUE_FIRST)
                            .toList();
                    return new VisitMonth(
                            communityId,
                            month,
                            rows.size(),
                            visited,
                            rows.isEmpty() ? null : (double) visited / rows.size(),
                            daysLeft,
                            closed,
                            t.getT3(),
                            unvisited,
                            t.getT2());
                });
    }

    Mono<List<VisitRecord>> ofElder(Caller caller, UUID elderId) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return elders.communityOf(elderId)
                .filter(caller::covers)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")))
                .thenMany(repository.elderRecords(elderId))
                .collectList();
    }

    /** Planned and visited per community for a month, for the monthly reports; communities without plans are absent. */
    public Flux<VisitMonth.Figures> figures(Collection<UUID> communityIds, YearMonth month) {
        return communityIds.isEmpty() ? Flux.empty() : repository.figures(communityIds, month);
    }

    /** Gives the community's special-difficulty elders their slots of the month; for the monthly job. */
    Mono<Long> ensurePlans(UUID communityId, YearMonth month) {
        return repository.ensurePlans(communityId, month, clock.instant());
    }

    private Mono<Void> covered(Caller caller, UUID communityId) {
        return caller.covers(communityId)
                ? communities.get(communityId).then()
                : Mono.error(ApiException.notFound("Community"));
    }

    private static ApiException unprocessable(String field, String rule, String message) {
        return new ApiException(ProblemType.UNPROCESSABLE, message, List.of(FieldViolation.of(field, rule, message)));
    }
}
