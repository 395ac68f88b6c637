package cn.carecircle.api.demo;

import cn.carecircle.api.common.Role;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The demo district's people as users of the Firebase Auth emulator, each with the demo password, and staff with
 * the role claim that sign-in requires beside their account row. The emulator keeps users only while it runs, so
 * this is done on every start and tolerates users that are there already.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "carecircle.demo.seed", havingValue = "true")
class DemoAuthUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoAuthUsers.class);

    /** The emulator is one Node process; a few requests in flight keep it busy without queueing in it. */
    private static final int CONCURRENCY = 8;

    private final FirebaseAuth auth;
    private final Environment environment;

    DemoAuthUsers(FirebaseAuth auth, Environment environment) {
        this.auth = auth;
        this.environment = environment;
    }

    record DemoUser(String uid, String email, String displayName, Role staffRole) {}

    static List<DemoUser> of(DemoDistrict district) {
        List<DemoUser> users = new ArrayList<>();
        district.staff().forEach(s -> users.add(new DemoUser(s.uid(), s.email(), s.displayName(), s.role())));
        district.families().forEach(f -> users.add(new DemoUser(f.uid(), f.email(), f.displayName(), null)));
        district.providers().forEach(p -> users.add(new DemoUser(p.uid(), p.email(), p.displayName(), null)));
        return users;
    }

    /**
     * Creates the users that are missing and returns how many the emulator holds; an unreachable emulator is
     * reported and counted as none, so the api still comes up for a look at its docs and health.
     */
    Mono<Integer> ensure(DemoDistrict district) {
        List<DemoUser> users = of(district);
        return Flux.fromIterable(users)
                .flatMap(u -> Mono.fromCallable(() -> ensure(u)).subscribeOn(Schedulers.boundedElastic()), CONCURRENCY)
                .count()
                .map(Long::intValue)
                .onErrorResume(e -> {
                    log.warn(
                            "demo: could not create the sign-in users in the Firebase Auth emulator at {} ({}); "
                                    + "start it with bin/auth-emulator, or run bin/demo, and restart",
                            environment.getProperty("carecircle.firebase.auth-emulator-host"),
                            e.getMessage());
                    return Mono.just(0);
                });
    }

    private boolean ensure(DemoUser user) throws FirebaseAuthException {
        boolean created;
        try {
            auth.createUser(new UserRecord.CreateRequest()
                    .setUid(user.uid())
                    .setEmail(user.email())
                    .setEmailVerified(true)
                    .setPassword(DemoDistrict.PASSWORD)
                    .setDisplayName(user.displayName()));
            created = true;
        } catch (FirebaseAuthException e) {
            if (e.getAuthErrorCode() != AuthErrorCode.UID_ALREADY_EXISTS
                    && e.getAuthErrorCode() != AuthErrorCode.EMAIL_ALREADY_EXISTS) {
                throw e;
            }
            created = false;
        }
        if (user.staffRole() != null) {
            auth.setCustomUserClaims(user.uid(), Map.of("role", user.staffRole().name()));
        }
        return created;
    }
}
