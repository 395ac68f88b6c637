package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.providers.ProviderKind;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Service volunteers did offline (a phone-in visit, a group activity): one worker records it, a second worker of
 * the community approves it (the minutes post from the pool) or rejects it with a reason.
 */
@Service
class ServiceRecords {

    record RecordCommand(UUID volunteerId, int minutes, LocalDate servedOn, String description) {}

    private final ServiceRecordRepository repository;
    private final ProviderService providers;
    private final TimeBankService timeBank;
    private final TransactionalOperator tx;
    private final Clock clock;

    ServiceRecords(
            ServiceRecordRepository repository,
            ProviderService providers,
            TimeBankService timeBank,
            TransactionalOperator tx,
            Clock clock) {
        this.repository = repository;
        this.providers = providers;
        this.timeBank = timeBank;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<ServiceRecord> record(Caller caller, RecordCommand command) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        new Violations()
                .check(
                        !command.servedOn().isAfter(TimeBankService.today(clock)),
                        "servedOn",
                        "not-in-future",
                        "must be today or earlier")
                .throwIfAny();
        return providers
                .get(caller, command.volunteerId())
                .filter(p -> caller.covers(p.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Volunteer")))
                .flatMap(p -> {
                    if (p.kind() != ProviderKind.VOLUNTEER) {
                        return Mono.error(new ApiException(
                                ProblemType.UNPROCESSABLE,
                                "Only volunteers earn time-bank minutes",
                                List.of(FieldViolation.of("volunteerId", "volunteer", "must be a volunteer"))));
                    }
                    ServiceRecord r = new ServiceRecord(
                            UUID.randomUUID(),
                            p.communityId(),
                            p.id(),
                            p.accountId(),
                            command.minutes(),
                            command.servedOn(),
                            command.description(),
                            ServiceRecord.Status.PENDING,
                            caller.accountId(),
                            clock.instant(),
                            null,
                            null,
                            null,
                            null);
                    return repository.insert(r).then(repository.findById(r.id()));
                });
    }

    Mono<Page<ServiceRecord>> list(Caller caller, UUID communityId, ServiceRecord.Status status, PageRequest page) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.VOLUNTEER);
        if (caller.hasAny(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL)) {
            List<UUID> scope = communityId == null
                    ? List.copyOf(caller.communityIds())
                    : caller.covers(communityId) ? List.of(communityId) : List.of();
            return repository.search(scope, null, status, page);
        }
        return repository.search(communityId == null ? null : List.of(communityId), caller.accountId(), status, page);
    }

    /**
     * The second reviewer approves; the record and its posting commit together or not at all. When an earning cap
     * refuses the minutes, the record stays pending and the refusal is recorded, after the rollback, for the
     * workers' signals.
     */
    Mono<ServiceRecord> approve(Caller caller, UUID id) {
        return tx.transactional(Mono.defer(() -> approveInTransaction(caller, id)))
                .onErrorResume(
                        EarningCapRefused.class, e -> timeBank.recordRefusal(e).then(Mono.error(e)));
    }

    private Mono<ServiceRecord> approveInTransaction(Caller caller, UUID id) {
        return decidable(caller, id)
                .flatMap(r -> repository
                        .decide(id, ServiceRecord.Status.APPROVED, caller.accountId(), clock.instant(), null)
                        .flatMap(won -> won
                                ? timeBank.issue(
                                        r.communityId(),
                                        r.volunteerAccountId(),
                                        r.minutes(),
                                        r.servedOn(),
                                        "service-record:" + id,
                                        id,
                                        "线下服务 " + r.servedOn())
                                : Mono.error(ApiException.illegalState("The record was decided meanwhile")))
                        .flatMap(result ->
                                repository.attachPosting(id, result.posting().id()))
                        .then(repository.findById(id)));
    }

    @Transactional
    Mono<ServiceRecord> reject(Caller caller, UUID id, String reason) {
        return decidable(caller, id)
                .flatMap(r -> repository
                        .decide(id, ServiceRecord.Status.REJECTED, caller.accountId(), clock.instant(), reason)
                        .flatMap(won -> won
                                ? repository.findById(id)
                                : Mono.error(ApiException.illegalState("The record was decided meanwhile"))));
    }

    /** A pending record of a covered community that the caller did not record. */
    private Mono<ServiceRecord> decidable(Caller caller, UUID id) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return repository
                .findById(id)
                .filter(r -> caller.covers(r.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Service record")))
                .flatMap(r -> {
                    if (r.recordedBy().equals(caller.accountId())) {
                        return Mono.error(new ApiException(
                                ProblemType.UNPROCESSABLE,
                                "Two reviewers: the worker who recorded the service cannot decide it",
                                List.of(FieldViolation.of(
                                        "recordedBy", "two-reviewers", "a second worker of the community decides"))));
                    }
                    if (r.status() != ServiceRecord.Status.PENDING) {
                        return Mono.error(ApiException.illegalState("The record is already " + r.status()));
                    }
                    return Mono.just(r);
                });
    }
}
