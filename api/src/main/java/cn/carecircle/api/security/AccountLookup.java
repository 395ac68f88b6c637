package cn.carecircle.api.security;

import cn.carecircle.api.common.Role;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** How sign-in finds the account of a Firebase user; the accounts feature answers it. */
public interface AccountLookup {

    Mono<AccountFacts> findByUid(String uid);

    record AccountFacts(UUID accountId, String displayName, Set<Role> roles, Set<UUID> communityIds) {}
}
