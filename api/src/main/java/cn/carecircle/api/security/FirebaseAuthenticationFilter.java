package cn.carecircle.api.security;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request under {@code /api/v1/}, except {@code /api/v1/public/} and WeChat Pay's notifications, needs a Firebase ID token. The caller's
 * roles are those of their account row; a staff role (worker, official, operator) also needs the matching custom
 * claim in the token, so neither a forged claim nor a stray row alone makes anyone staff.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FirebaseAuthenticationFilter implements WebFilter {

    private static final Set<Role> STAFF = EnumSet.of(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);

    private final FirebaseTokenVerifier verifier;
    private final AccountLookup accounts;

    FirebaseAuthenticationFilter(FirebaseTokenVerifier verifier, AccountLookup accounts) {
        this.verifier = verifier;
        this.accounts = accounts;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        // WeChat Pay's notifications carry no token: the payments feature verifies their signature instead
        if (!path.startsWith("/api/v1/")
                || path.startsWith("/api/v1/public/")
                || path.equals("/api/v1/payments/wechat/notify")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return Mono.error(new ApiException(
                    ProblemType.UNAUTHENTICATED,
                    "Sign in and send the Firebase ID token as 'Authorization: Bearer …'"));
        }
        return verifier.verify(header.substring(7).trim())
                .flatMap(token -> accounts.findByUid(token.uid())
                        .map(account -> toCaller(token, account))
                        .defaultIfEmpty(Caller.unregistered(token.uid())))
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange);
                });
    }

    private static Caller toCaller(VerifiedToken token, AccountLookup.AccountFacts account) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : account.roles()) {
            if (!STAFF.contains(role) || token.claimedRoles().contains(role)) {
                roles.add(role);
            }
        }
        return new Caller(token.uid(), account.accountId(), account.displayName(), roles, account.communityIds());
    }
}
