package cn.carecircle.api.notifications;

import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The devices each account receives pushes on. Apps register their FCM token at sign-in and at every start, and
 * remove it at sign-out; the relay prunes the tokens FCM no longer accepts.
 */
@Service
class DeviceTokens {

    /** An account keeps this many devices at most; the ones seen least recently go first. */
    static final int MAX_PER_ACCOUNT = 20;

    private final DeviceTokenRepository repository;
    private final Clock clock;

    DeviceTokens(DeviceTokenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional
    Mono<DeviceToken> register(Caller caller, String token, DevicePlatform platform) {
        UUID account = caller.requireAccount();
        return repository
                .upsert(account, token, platform, clock.instant())
                .flatMap(registered ->
                        repository.keepNewest(account, MAX_PER_ACCOUNT).thenReturn(registered));
    }

    /** Idempotent: a token that is not the caller's, or no longer registered, is left alone. */
    Mono<Void> remove(Caller caller, String token) {
        UUID account = caller.requireAccount();
        return repository.delete(account, token).then();
    }

    Flux<DeviceToken> of(Collection<UUID> accountIds) {
        return accountIds.isEmpty() ? Flux.empty() : repository.findByAccounts(accountIds);
    }

    Mono<Long> prune(Collection<UUID> ids) {
        return ids.isEmpty() ? Mono.just(0L) : repository.deleteByIds(ids);
    }
}
