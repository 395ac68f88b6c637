package cn.carecircle.api.accounts;

import cn.carecircle.api.common.Role;
import com.google.firebase.auth.FirebaseAuth;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Puts a staff role into the Firebase user's custom claims, which sign-in requires beside the account row. The
 * SDK call blocks, so it runs on the bounded elastic pool.
 */
@Component
class StaffClaims {

    private final FirebaseAuth auth;

    StaffClaims(FirebaseAuth auth) {
        this.auth = auth;
    }

    Mono<Void> grant(String uid, Role role) {
        return Mono.fromCallable(() -> {
                    auth.setCustomUserClaims(uid, Map.of("role", role.name()));
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
