package cn.carecircle.api.ratings;

import cn.carecircle.api.providers.ProviderService;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Repeated upheld bad ratings suspend a provider pending review: when a finding brings the provider's (partly)
 * upheld bad ratings within the period to the threshold (default 3 within 30 days, counted back from the finding,
 * by when the ratings were given), the provider is suspended, audited under the worker whose finding set it off,
 * and told by push. Ratings excluded by an accepted appeal do not count, nor ratings that already caused a
 * suspension: a reinstated provider starts counting afresh. A worker reinstates through the providers' own
 * reinstatement, with a reason.
 */
@Component
class Suspensions {

    private final FollowUpRepository repository;
    private final ProviderService providers;
    private final RatingsProperties properties;

    Suspensions(FollowUpRepository repository, ProviderService providers, RatingsProperties properties) {
        this.repository = repository;
        this.providers = providers;
        this.properties = properties;
    }

    Mono<Void> check(UUID providerId, UUID triggeredBy, Instant now) {
        return repository
                .upheldSince(providerId, now.minus(properties.suspensionPeriod()))
                .collectList()
                .flatMap(upheld -> {
                    if (upheld.size() < properties.suspensionThreshold()) {
                        return Mono.empty();
                    }
                    String reason = "差评经核实 " + upheld.size() + " 次（"
                            + properties.suspensionPeriod().toDays() + " 天内），暂停接单待复核";
                    return providers
                            .suspendPendingReview(providerId, triggeredBy, reason)
                            .flatMap(suspended -> suspended
                                    ? repository.recordSuspension(providerId, now, triggeredBy, upheld)
                                    : Mono.empty());
                });
    }
}
