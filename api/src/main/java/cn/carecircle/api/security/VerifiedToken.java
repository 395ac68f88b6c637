package cn.carecircle.api.security;

import cn.carecircle.api.common.Role;
import java.util.Set;

/** What a verified Firebase ID token says: the user id and the roles its custom claims grant. */
public record VerifiedToken(String uid, Set<Role> claimedRoles) {

    public VerifiedToken {
        claimedRoles = Set.copyOf(claimedRoles);
    }
}
