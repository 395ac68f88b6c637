package cn.carecircle.api.security;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies Firebase ID tokens with the Admin SDK. The SDK call blocks (key fetch, and in emulator mode an HTTP
 * look-up of the user), so it runs on the bounded elastic pool, never on an event loop.
 */
@Component
class FirebaseTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(FirebaseTokenVerifier.class);

    private final FirebaseAuth auth;

    FirebaseTokenVerifier(FirebaseAuth auth) {
        this.auth = auth;
    }

    Mono<VerifiedToken> verify(String idToken) {
        return Mono.fromCallable(() -> auth.verifyIdToken(idToken))
                .subscribeOn(Schedulers.boundedElastic())
                .map(token -> new VerifiedToken(token.getUid(), claimedRoles(token)))
                .onErrorMap(FirebaseAuthException.class, FirebaseTokenVerifier::toProblem)
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> new ApiException(ProblemType.UNAUTHENTICATED, "The ID token is malformed"));
    }

    private static ApiException toProblem(FirebaseAuthException e) {
        AuthErrorCode code = e.getAuthErrorCode();
        if (code == null) {
            log.warn("Firebase could not verify a token: {}", e.getErrorCode());
            return new ApiException(ProblemType.SERVICE_UNAVAILABLE, "Sign-in could not be checked; try again shortly");
        }
        return switch (code) {
            case EXPIRED_ID_TOKEN ->
                new ApiException(ProblemType.UNAUTHENTICATED, "The ID token has expired: refresh it");
            case REVOKED_ID_TOKEN -> new ApiException(ProblemType.UNAUTHENTICATED, "The ID token was revoked");
            case USER_DISABLED -> new ApiException(ProblemType.UNAUTHENTICATED, "This user is disabled");
            default -> new ApiException(ProblemType.UNAUTHENTICATED, "The ID token is not valid");
        };
    }

    /** Staff roles come from the custom claims {@code role} (one) or {@code roles} (several); unknown names are ignored. */
    static Set<Role> claimedRoles(FirebaseToken token) {
        Map<String, Object> claims = token.getClaims();
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        addRole(roles, claims.get("role"));
        if (claims.get("roles") instanceof Collection<?> many) {
            many.forEach(r -> addRole(roles, r));
        }
        return roles;
    }

    private static void addRole(Set<Role> roles, Object value) {
        if (value instanceof String name) {
            for (Role r : Role.values()) {
                if (r.name().equals(name)) {
                    roles.add(r);
                }
            }
        }
    }
}
