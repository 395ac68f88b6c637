package cn.carecircle.api.security;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is making a request: the verified Firebase user and, once registered, their account with its roles and the
 * communities a staff member covers. Features ask it for what they need and get a problem when it is missing.
 */
public record Caller(String uid, UUID accountId, String displayName, Set<Role> roles, Set<UUID> communityIds) {

    static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = Set.copyOf(roles);
        communityIds = Set.copyOf(communityIds);
    }

    public static Caller unregistered(String uid) {
        return new Caller(uid, null, null, Set.of(), Set.of());
    }

    /** The caller of an authenticated request; the authentication filter has put it there. */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, "Sign in and send a Firebase ID token");
        }
        return caller;
    }

    public boolean registered() {
        return accountId != null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        return Arrays.stream(any).anyMatch(roles::contains);
    }

    /** The account id, or a 403 telling the user to register first. */
    public UUID requireAccount() {
        if (!registered()) {
            throw new ApiException(
                    ProblemType.ACCOUNT_NOT_REGISTERED,
                    "This user has no CareCircle account yet: register as a family member, onboard as a provider, "
                            + "or ask the operator for a staff account");
        }
        return accountId;
    }

    public Caller requireRole(Role... any) {
        requireAccount();
        if (!hasAny(any)) {
            throw ApiException.forbidden("This needs the role " + Arrays.toString(any));
        }
        return this;
    }

    /** Workers and officials act only within the communities they cover; the operator everywhere. */
    public boolean covers(UUID communityId) {
        return has(Role.ADMIN)
                || (hasAny(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL) && communityIds.contains(communityId));
    }

    public boolean staff() {
        return hasAny(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
    }
}
