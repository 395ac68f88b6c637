package cn.carecircle.api.accounts;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ChineseIdentity;
import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.community.Community;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.security.AccountLookup;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Accounts: who is signed in, registration, staff set-up. Other features reach accounts through this service. */
@Service
public class AccountService implements AccountLookup {

    private final AccountRepository repository;
    private final CommunityService communities;
    private final PersonalDataProtector protector;
    private final StaffClaims staffClaims;
    private final Clock clock;

    AccountService(
            AccountRepository repository,
            CommunityService communities,
            PersonalDataProtector protector,
            StaffClaims staffClaims,
            Clock clock) {
        this.repository = repository;
        this.communities = communities;
        this.protector = protector;
        this.staffClaims = staffClaims;
        this.clock = clock;
    }

    @Override
    public Mono<AccountFacts> findByUid(String uid) {
        return repository
                .findByUid(uid)
                .map(a -> new AccountFacts(a.id(), a.displayName(), a.roles(), a.communityIds()));
    }

    /** The caller with the communities they cover (staff) or serve in (providers). */
    Mono<MeView> me(Caller caller) {
        caller.requireAccount();
        Mono<List<Community>> covered = caller.has(Role.ADMIN)
                ? communities.findAll().collectList()
                : communities.findAllById(caller.communityIds()).collectList();
        return covered.map(
                list -> new MeView(caller.accountId(), caller.uid(), caller.displayName(), caller.roles(), list));
    }

    /**
     * Registers the signed-in user as a family member. A provider who is also someone's child gains the family
     * role on the same account.
     */
    @Transactional
    public Mono<MeView> registerFamilyMember(Caller caller, String displayName, String phone) {
        Violations v = new Violations();
        ChineseIdentity.checkMobile(v, "phone", phone, true);
        v.check(displayName != null && !displayName.isBlank(), "displayName", "required", "must not be empty");
        v.throwIfAny();
        if (caller.has(Role.FAMILY)) {
            return Mono.error(new ApiException(ProblemType.ALREADY_REGISTERED, "This user is already a family member"));
        }
        Mono<UUID> account = caller.registered()
                ? repository.addRole(caller.accountId(), Role.FAMILY).thenReturn(caller.accountId())
                : insertAccount(caller.uid(), displayName.trim(), phone, Set.of(Role.FAMILY));
        return account.flatMap(id -> repository.findByUid(caller.uid()))
                .map(a -> new MeView(a.id(), a.uid(), a.displayName(), a.roles(), List.of()));
    }

    /** Creates the account of a provider or volunteer on onboarding, or adds the role to an existing account. */
    public Mono<UUID> ensureProviderAccount(Caller caller, String displayName, String phone, Role role) {
        if (caller.registered()) {
            return repository.addRole(caller.accountId(), role).thenReturn(caller.accountId());
        }
        return insertAccount(caller.uid(), displayName, phone, Set.of(role));
    }

    /** The operator sets up a staff account; the staff role is also put into the user's Firebase claims. */
    @Transactional
    Mono<MeView> createStaff(Caller caller, String uid, String displayName, Role role, List<UUID> communityIds) {
        return createStaffAccount(caller, uid, displayName, role, communityIds)
                .flatMap(me -> staffClaims.grant(uid, role).thenReturn(me));
    }

    /**
     * The account row of a staff member covering these communities, without touching their Firebase claims (for
     * callers that set the claims themselves, such as the demo's emulator users).
     */
    @Transactional
    public Mono<MeView> createStaffAccount(
            Caller caller, String uid, String displayName, Role role, List<UUID> communityIds) {
        caller.requireRole(Role.ADMIN);
        if (role != Role.COMMUNITY_WORKER && role != Role.DISTRICT_OFFICIAL) {
            return Mono.error(ApiException.invalid(cn.carecircle.api.common.FieldViolation.of(
                    "role", "enum", "must be COMMUNITY_WORKER or DISTRICT_OFFICIAL")));
        }
        return communities.findAllById(communityIds).collectList().flatMap(found -> {
            if (found.size() != Set.copyOf(communityIds).size()) {
                return Mono.error(ApiException.notFound("Community"));
            }
            return repository
                    .findByUid(uid)
                    .flatMap(existing -> existing.roles().contains(role)
                            ? Mono.<UUID>error(new ApiException(
                                    ProblemType.ALREADY_REGISTERED, "This user already has this staff role"))
                            : repository.addRole(existing.id(), role).thenReturn(existing.id()))
                    .switchIfEmpty(Mono.defer(() -> insertAccount(uid, displayName, null, Set.of(role))))
                    .flatMap(id -> repository.addCommunities(id, communityIds).thenReturn(id))
                    .flatMap(id -> repository.findByUid(uid))
                    .map(a -> new MeView(a.id(), a.uid(), a.displayName(), a.roles(), found));
        });
    }

    /** An operator (ADMIN) account for this Firebase user, unless they have an account already. */
    public Mono<Boolean> ensureOperator(String uid, String displayName) {
        return repository
                .findByUid(uid)
                .hasElement()
                .flatMap(exists -> exists
                        ? Mono.just(false)
                        : insertAccount(uid, displayName, null, Set.of(Role.ADMIN))
                                .thenReturn(true));
    }

    private Mono<UUID> insertAccount(String uid, String displayName, String phone, Set<Role> roles) {
        UUID id = UUID.randomUUID();
        return repository
                .insert(
                        id,
                        uid,
                        displayName,
                        protector.encrypt(phone),
                        protector.blindIndex("account-phone", phone),
                        roles,
                        clock.instant())
                .thenReturn(id);
    }

    public record MeView(
            UUID accountId, String uid, String displayName, Set<Role> roles, List<Community> communities) {}
}
