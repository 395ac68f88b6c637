package cn.carecircle.api.elders;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.families.FamilyBindings;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Elders' profiles and who may see them: a family member the elders actively bound to them, a community worker
 * the elders of the communities they cover (each full read audited), a district official masked lists only. An
 * elder the caller may not see is a 404, so ids do not leak.
 */
@Service
public class ElderService {

    static final String AUDIT_READ = "ELDER_RECORD_READ";

    private final ElderRepository repository;
    private final FamilyBindings bindings;
    private final CommunityService communities;
    private final AuditService audit;
    private final Clock clock;

    ElderService(
            ElderRepository repository,
            FamilyBindings bindings,
            CommunityService communities,
            AuditService audit,
            Clock clock) {
        this.repository = repository;
        this.bindings = bindings;
        this.communities = communities;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A family member adds a parent (the elder plus a pending binding, in one transaction); a community worker
     * adds an elder who phoned in.
     */
    @Transactional
    public Mono<Elder> create(Caller caller, CreateElderCommand command) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(command.communityId());
        if (!asWorker && !caller.has(Role.FAMILY)) {
            return Mono.error(ApiException.notFound("Community"));
        }
        if (command.birthDate().isAfter(LocalDate.now(clock))) {
            return Mono.error(ApiException.invalid(FieldViolation.of("birthDate", "past", "must be in the past")));
        }
        if (!asWorker && command.consentBy() == null) {
            return Mono.error(ApiException.invalid(FieldViolation.of(
                    "consentBy", "required", "say whose consent the binding rests on: ELDER or GUARDIAN")));
        }
        Elder elder = new Elder(
                UUID.randomUUID(),
                command.communityId(),
                command.name(),
                command.gender(),
                command.birthDate(),
                command.idNumber(),
                command.phone(),
                command.address(),
                command.location(),
                command.mobilityLevel(),
                command.needs(),
                command.languages(),
                command.bathingGenderPreference(),
                command.specialDifficulty(),
                command.subsidyEligible(),
                command.emergencyContact());
        return communities
                .get(command.communityId())
                .then(repository.existsByIdNumber(command.idNumber()))
                .flatMap(exists -> exists
                        ? Mono.error(new ApiException(
                                ProblemType.DUPLICATE,
                                "An elder with this ID number is registered already: ask to be bound to them"))
                        : repository.insert(elder, caller.accountId(), clock.instant()))
                .then(
                        asWorker
                                ? Mono.empty()
                                : bindings.requestForNewElder(
                                                elder.id(),
                                                caller.accountId(),
                                                command.relationship(),
                                                command.consentBy())
                                        .then())
                .thenReturn(elder);
    }

    /** The full record; a community worker's read leaves an audit row. */
    public Mono<Elder> get(Caller caller, UUID elderId) {
        caller.requireAccount();
        return repository
                .findById(elderId)
                .filterWhen(elder -> mayReadFull(caller, elder))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")))
                .flatMap(elder -> caller.has(Role.COMMUNITY_WORKER) && caller.covers(elder.communityId())
                        ? audit.record(caller.accountId(), AUDIT_READ, "ELDER", elder.id(), null)
                                .thenReturn(elder)
                        : Mono.just(elder));
    }

    private Mono<Boolean> mayReadFull(Caller caller, Elder elder) {
        if (caller.has(Role.COMMUNITY_WORKER) && caller.covers(elder.communityId())) {
            return Mono.just(true);
        }
        return caller.has(Role.FAMILY) ? bindings.isActive(caller.accountId(), elder.id()) : Mono.just(false);
    }

    Mono<Page<Elder>> list(Caller caller, ElderFilter filter, PageRequest page) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        ElderRepository.ElderSearch search;
        if (caller.hasAny(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL)) {
            List<UUID> scope = filter.communityId() == null
                    ? List.copyOf(caller.communityIds())
                    : caller.covers(filter.communityId()) ? List.of(filter.communityId()) : List.of();
            search = new ElderRepository.ElderSearch(
                    null, scope, filter.name(), filter.phoneLast4(), filter.specialDifficulty());
        } else {
            search = new ElderRepository.ElderSearch(
                    caller.accountId(),
                    filter.communityId() == null ? null : List.of(filter.communityId()),
                    filter.name(),
                    filter.phoneLast4(),
                    filter.specialDifficulty());
        }
        return repository.search(search, page);
    }

    /**
     * The elder a caller may order for: a family member's actively bound elder, or an elder of a community the
     * worker covers (a phone-in order). Not an audited read: ordering needs no personal data. Others are a 404.
     */
    public Mono<Elder> forOrdering(Caller caller, UUID elderId) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        return repository
                .findById(elderId)
                .filterWhen(elder -> mayReadFull(caller, elder))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
    }

    /**
     * The record of an order's elder for a feature acting on an order already authorised (a meal plan's day paid in
     * minutes needs the elder's special difficulty and age). Not an audited read: nobody is shown it.
     */
    public Mono<Elder> forPlacedOrder(UUID elderId) {
        return repository.findById(elderId).switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
    }

    /** Where an elder lives, for matching; not an audited read, since nobody is shown the address. */
    public Mono<cn.carecircle.api.common.GeoPoint> homeOf(UUID elderId) {
        return repository
                .findById(elderId)
                .map(Elder::location)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
    }

    /**
     * The full record for a provider assigned to visit the elder (the caller has checked the assignment): the name,
     * address and phone they need at the door, and the home the check-in is measured against.
     */
    public Mono<Elder> forAssignedVisit(UUID elderId) {
        return repository.findById(elderId).switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
    }

    /**
     * The elder's phone number, decrypted, to send them a message (their visit code by SMS); empty when the elder
     * has none. Not an audited read: no person is shown it. Never log what this returns.
     */
    public Mono<String> phoneForMessaging(UUID elderId) {
        return repository.findById(elderId).mapNotNull(Elder::phone);
    }

    /** The community an elder lives in, or a 404 problem. */
    public Mono<UUID> communityOf(UUID elderId) {
        return repository
                .findById(elderId)
                .map(Elder::communityId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
    }

    /** The elder registered under an identity number, or a 404 problem. */
    public Mono<UUID> findIdByIdNumber(String idNumber) {
        return repository.findIdByIdNumber(idNumber).switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
    }

    public int ageOf(Elder elder) {
        return java.time.Period.between(elder.birthDate(), LocalDate.now(clock)).getYears();
    }

    record ElderFilter(UUID communityId, String name, String phoneLast4, Boolean specialDifficulty) {}
}
