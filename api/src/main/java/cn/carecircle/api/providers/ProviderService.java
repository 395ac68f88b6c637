package cn.carecircle.api.providers;

import cn.carecircle.api.accounts.AccountService;
import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.notifications.Outbox;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Providers and volunteers. A provider reaches only their own profile; a community worker the providers of the
 * communities they cover, whose credentials they verify and whom they suspend or reinstate (each audited).
 */
@Service
public class ProviderService {

    private final ProviderRepository repository;
    private final AccountService accounts;
    private final CommunityService communities;
    private final AuditService audit;
    private final Outbox outbox;
    private final Clock clock;

    ProviderService(
            ProviderRepository repository,
            AccountService accounts,
            CommunityService communities,
            AuditService audit,
            Outbox outbox,
            Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.communities = communities;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Mono<Provider> onboard(Caller caller, OnboardProviderCommand command) {
        Violations v = new Violations();
        for (int i = 0; i < command.credentials().size(); i++) {
            checkNotExpired(
                    v, "credentials[" + i + "].expiresOn", command.credentials().get(i));
        }
        v.throwIfAny();
        Mono<Boolean> alreadyProvider = caller.registered()
                ? repository.findByAccount(caller.accountId()).hasElement()
                : Mono.just(false);
        return alreadyProvider.flatMap(exists -> {
            if (exists) {
                return Mono.error(new ApiException(ProblemType.ALREADY_REGISTERED, "This user has a provider profile"));
            }
            UUID id = UUID.randomUUID();
            return communities
                    .get(command.communityId())
                    .then(accounts.ensureProviderAccount(
                            caller,
                            command.displayName(),
                            command.phone(),
                            command.kind().role()))
                    .flatMap(accountId -> repository.insert(
                            new Provider(
                                    id,
                                    accountId,
                                    command.communityId(),
                                    command.kind(),
                                    command.displayName(),
                                    command.phone(),
                                    command.gender(),
                                    command.services(),
                                    command.languages(),
                                    command.travelMode(),
                                    command.homeBase(),
                                    command.workingHours(),
                                    List.of(),
                                    false,
                                    null,
                                    null),
                            clock.instant()))
                    .thenMany(Flux.fromIterable(command.credentials())
                            .concatMap(c -> repository.insertCredential(id, c, clock.instant())))
                    .then(repository.findById(id));
        });
    }

    /** Display names of providers, for boards that list them by id. */
    public Mono<java.util.Map<UUID, String>> displayNames(java.util.Collection<UUID> ids) {
        return repository.findAllById(List.copyOf(ids)).collectMap(Provider::id, Provider::displayName);
    }

    /** The signed-in provider's own profile, or a 404 problem. */
    public Mono<Provider> mine(Caller caller) {
        caller.requireAccount();
        return repository
                .findByAccount(caller.accountId())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider profile")));
    }

    /** A provider the caller may see: themself, or one of the communities they cover. Others are a 404. */
    public Mono<Provider> get(Caller caller, UUID providerId) {
        caller.requireAccount();
        return repository
                .findById(providerId)
                .filter(p -> p.accountId().equals(caller.accountId()) || caller.covers(p.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider")));
    }

    Mono<Page<Provider>> list(Caller caller, UUID communityId, boolean pendingOnly, PageRequest page) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        List<UUID> scope = communityId == null
                ? List.copyOf(caller.communityIds())
                : caller.covers(communityId) ? List.of(communityId) : List.of();
        return repository.search(scope, pendingOnly, page);
    }

    @Transactional
    Mono<Provider> addCredential(Caller caller, UUID providerId, CredentialInput input) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return get(caller, providerId)
                .filter(p -> p.accountId().equals(caller.accountId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider")))
                .flatMap(p -> {
                    Violations v = new Violations();
                    OnboardProviderCommand.checkCredential(v, "", input, p.services());
                    checkNotExpired(v, "expiresOn", input);
                    v.throwIfAny();
                    return repository.insertCredential(providerId, input, clock.instant());
                })
                .then(repository.findById(providerId));
    }

    @Transactional
    public Mono<Provider> decideCredential(
            Caller caller, UUID providerId, UUID credentialId, boolean verified, String note) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return workerScoped(caller, providerId)
                .flatMap(p -> p.credentials().stream().anyMatch(c -> c.id().equals(credentialId))
                        ? repository.decideCredential(
                                providerId, credentialId, verified, caller.accountId(), clock.instant(), note)
                        : Mono.error(ApiException.notFound("Credential")))
                .flatMap(decided -> decided
                        ? audit.record(
                                caller.accountId(),
                                verified ? "CREDENTIAL_VERIFIED" : "CREDENTIAL_REJECTED",
                                "CREDENTIAL",
                                credentialId,
                                note)
                        : Mono.error(ApiException.illegalState("This credential was decided already")))
                .then(repository.findById(providerId));
    }

    @Transactional
    public Mono<Provider> setSuspended(Caller caller, UUID providerId, boolean suspended, String reason) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return workerScoped(caller, providerId)
                .flatMap(p -> repository
                        .setSuspended(providerId, suspended, reason)
                        .flatMap(changed -> changed
                                ? audit.record(
                                                caller.accountId(),
                                                suspended ? "PROVIDER_SUSPENDED" : "PROVIDER_REINSTATED",
                                                "PROVIDER",
                                                providerId,
                                                reason)
                                        .then(tell(p, suspended))
                                : Mono.error(ApiException.illegalState(
                                        suspended
                                                ? "This provider is suspended already"
                                                : "This provider is not suspended"))))
                .then(repository.findById(providerId));
    }

    /**
     * Suspends a provider pending review under a rule of another feature (repeated upheld bad ratings), audited
     * under the account whose action set the rule off and pushed to the provider. Emits false when the provider
     * was suspended already.
     */
    @Transactional
    public Mono<Boolean> suspendPendingReview(UUID providerId, UUID triggeredBy, String reason) {
        return repository
                .findById(providerId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider")))
                .flatMap(p -> repository
                        .setSuspended(providerId, true, reason)
                        .flatMap(changed -> changed
                                ? audit.record(triggeredBy, "PROVIDER_SUSPENDED", "PROVIDER", providerId, reason)
                                        .then(tell(p, true))
                                        .thenReturn(true)
                                : Mono.just(false)));
    }

    /** The push carries no reason: a worker's words may name people, and pushes carry ids and kinds only. */
    private Mono<Void> tell(Provider p, boolean suspended) {
        return outbox.push(
                p.accountId(),
                null,
                suspended
                        ? new Outbox.Notice(
                                "provider-suspended",
                                "暂停接单",
                                "您已被暂停接单，等待社区复核；原因请在服务人员页查看",
                                java.util.Map.of("providerId", p.id().toString()))
                        : new Outbox.Notice(
                                "provider-reinstated",
                                "恢复接单",
                                "社区已恢复您接单",
                                java.util.Map.of("providerId", p.id().toString())));
    }

    private Mono<Provider> workerScoped(Caller caller, UUID providerId) {
        return repository
                .findById(providerId)
                .filter(p -> caller.covers(p.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider")));
    }

    private void checkNotExpired(Violations v, String field, CredentialInput c) {
        if (c.expiresOn() != null && c.expiresOn().isBefore(LocalDate.now(clock))) {
            v.add(new FieldViolation(
                    field,
                    "not-expired",
                    "the credential has expired",
                    c.expiresOn().toString()));
        }
    }
}
