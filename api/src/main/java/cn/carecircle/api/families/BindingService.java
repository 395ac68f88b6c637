package cn.carecircle.api.families;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ChineseIdentity;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.elders.CreateElderCommand.ConsentBy;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The binding workflow: a family member asks, a community worker of the elder's community decides. */
@Service
public class BindingService {

    private final BindingRepository repository;
    private final ElderService elders;
    private final AuditService audit;
    private final Clock clock;

    BindingService(BindingRepository repository, ElderService elders, AuditService audit, Clock clock) {
        this.repository = repository;
        this.elders = elders;
        this.audit = audit;
        this.clock = clock;
    }

    /** The ids of a family member's bindings still waiting for a worker. */
    public Flux<UUID> pendingOf(Caller family) {
        return list(family, Binding.Status.PENDING).map(Binding::id);
    }

    Flux<Binding> list(Caller caller, Binding.Status status) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        if (caller.has(Role.COMMUNITY_WORKER)) {
            return repository.findByCommunities(caller.communityIds(), status);
        }
        return repository.findByFamily(caller.accountId(), status);
    }

    /** Asks to be bound to an elder someone else registered (found by identity number). */
    @Transactional
    Mono<Binding> request(Caller caller, String idNumber, String relationship, ConsentBy consentBy) {
        caller.requireRole(Role.FAMILY);
        String normalised = ChineseIdentity.normaliseIdNumber(idNumber);
        Violations v = new Violations();
        ChineseIdentity.checkIdNumber(v, "elderIdNumber", normalised, null);
        v.throwIfAny();
        UUID id = UUID.randomUUID();
        return elders.findIdByIdNumber(normalised)
                .flatMap(elderId -> repository
                        .hasOpen(elderId, caller.accountId())
                        .flatMap(open -> open
                                ? Mono.error(new ApiException(
                                        ProblemType.DUPLICATE, "A binding to this elder is pending or active already"))
                                : repository.insert(
                                        id,
                                        elderId,
                                        caller.accountId(),
                                        relationship,
                                        consentBy,
                                        caller.accountId(),
                                        clock.instant())))
                .then(repository.findById(id));
    }

    /** A worker confirms ({@code confirm}) or rejects a pending binding of an elder of their community. */
    @Transactional
    public Mono<Void> decide(Caller caller, UUID bindingId, boolean confirm, String reason) {
        return decideAndRead(caller, bindingId, confirm, reason).then();
    }

    @Transactional
    Mono<Binding> decideAndRead(Caller caller, UUID bindingId, boolean confirm, String reason) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        Binding.Status to = confirm ? Binding.Status.ACTIVE : Binding.Status.REJECTED;
        return repository
                .findById(bindingId)
                .filter(b -> caller.covers(b.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Binding")))
                .flatMap(b -> repository.decide(bindingId, to, caller.accountId(), clock.instant(), reason))
                .flatMap(decided -> decided
                        ? audit.record(
                                caller.accountId(),
                                confirm ? "BINDING_CONFIRMED" : "BINDING_REJECTED",
                                "BINDING",
                                bindingId,
                                reason)
                        : Mono.error(ApiException.illegalState("This binding was decided already")))
                .then(repository.findById(bindingId));
    }
}
