package cn.carecircle.api.providers;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.RateLimiter;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.index.CandidateIndex;
import cn.carecircle.matching.index.Heartbeat;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A provider's presence: going online and every location heartbeat put them into the live candidate index of their
 * community's region for the services they offer; presence ends when heartbeats stop or on going offline. Reports
 * faster than the minimum interval are refused, so a misbehaving app cannot flood the index.
 */
@Service
class PresenceService {

    private final ProviderService providers;
    private final CommunityService communities;
    private final CandidateIndex index;
    private final RateLimiter rateLimiter;
    private final Duration minInterval;

    PresenceService(
            ProviderService providers,
            CommunityService communities,
            CandidateIndex index,
            RateLimiter rateLimiter,
            @Value("${carecircle.presence.min-interval:PT5S}") Duration minInterval) {
        this.providers = providers;
        this.communities = communities;
        this.index = index;
        this.rateLimiter = rateLimiter;
        this.minInterval = minInterval;
    }

    Mono<Void> report(Caller caller, GeoPoint position) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers.mine(caller).flatMap(provider -> {
            if (provider.suspended()) {
                return Mono.error(ApiException.illegalState("A suspended provider cannot go online"));
            }
            return rateLimiter
                    .tryAcquire("presence:" + provider.id(), minInterval)
                    .flatMap(allowed -> allowed
                            ? communities.get(provider.communityId())
                            : Mono.error(new ApiException(
                                    ProblemType.TOO_MANY_REQUESTS,
                                    "Report the position at most every " + minInterval.toSeconds() + " s")))
                    .flatMap(community -> index.online(new Heartbeat(
                            provider.id().toString(),
                            community.regionCode(),
                            provider.services().stream()
                                    .map(s -> ServiceType.valueOf(s.name()))
                                    .collect(Collectors.toSet()),
                            TravelMode.valueOf(provider.travelMode().name()),
                            cn.carecircle.matching.domain.GeoPoint.of(position.lat(), position.lon()))));
        });
    }

    Mono<Void> offline(Caller caller) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return providers
                .mine(caller)
                .flatMap(provider -> communities
                        .get(provider.communityId())
                        .flatMap(community -> index.offline(
                                community.regionCode(), provider.id().toString())));
    }
}
