package cn.carecircle.api.security;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies Firebase ID tokens with the Admin SDK. The SDK call blocks (key fetch, and in emulator mode an HTTP
 * look-up of the user), so it runs on the bounded elastic pool, never on an event loop.
 *
 * <p>A client sends the same token with every request for up to an hour, so a verified token is remembered for
 * {@code carecircle.firebase.verified-token-ttl} (a minute), never past its own expiry: a request with a token
 * seen in the last minute costs a map look-up instead of a signature check (and, against the emulator, an HTTP
 * round trip). Only successes are remembered; a refused token is checked again each time. In production the SDK
 * checks neither revocation nor disabled users (that would be a call to Firebase per request), so remembering
 * changes nothing there; against the emulator a disabled user is refused within the minute.
 */
@Component
class FirebaseTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(FirebaseTokenVerifier.class);

    private final FirebaseAuth auth;
    private final Clock clock;
    private final Duration ttl;
    private final Cache<String, Remembered> verified;

    FirebaseTokenVerifier(FirebaseAuth auth, FirebaseProperties properties, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.ttl = properties.verifiedTokenTtl();
        this.verified = Caffeine.newBuilder()
                .maximumSize(20_000)
                .expireAfter(Expiry.creating((String token, Remembered r) -> r.keep()))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** A verified token and how long to keep it. */
    private record Remembered(VerifiedToken token, Duration keep) {}

    Mono<VerifiedToken> verify(String idToken) {
        Remembered known = verified.getIfPresent(idToken);
        if (known != null) {
            return Mono.just(known.token());
        }
        return Mono.fromCallable(() -> auth.verifyIdToken(idToken))
                .subscribeOn(Schedulers.boundedElastic())
                .map(token -> remember(idToken, token))
                .onErrorMap(FirebaseAuthException.class, FirebaseTokenVerifier::toProblem)
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> new ApiException(ProblemType.UNAUTHENTICATED, "The ID token is malformed"));
    }

    private VerifiedToken remember(String idToken, FirebaseToken token) {
        VerifiedToken result = new VerifiedToken(token.getUid(), claimedRoles(token));
        if (token.getClaims().get("exp") instanceof Number exp) {
            Duration left = Duration.between(clock.instant(), Instant.ofEpochSecond(exp.longValue()));
            Duration keep = left.compareTo(ttl) < 0 ? left : ttl;
            if (!keep.isNegative() && !keep.isZero()) {
                verified.put(idToken, new Remembered(result, keep));
            }
        }
        return result;
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
