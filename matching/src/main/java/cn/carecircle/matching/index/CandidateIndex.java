package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.ServiceType;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live index of online providers, per region and service. Presence is the last-seen time of each
 * provider compared with the index's {@code Clock}: a provider whose last heartbeat is older than
 * the presence expiry (default 90 s) is no longer found, and {@link #trimStale} removes it for good.
 */
public interface CandidateIndex {

    /**
     * A provider comes online (or changes services or mode): listed for exactly the heartbeat's
     * services in its region, and removed from the others of that region.
     */
    Mono<Void> online(Heartbeat heartbeat);

    /** A batch of position reports, written together (pipelined where the store allows it). */
    Mono<Void> heartbeats(List<Heartbeat> batch);

    /** The provider leaves every service of the region at once. */
    Mono<Void> offline(String region, String providerId);

    /**
     * Present providers offering the service whose estimated travel time to the target is at most the
     * limit, nearest first. Exact: the same set as a scan of every present provider with the same
     * {@code TravelTimeModel}.
     */
    Flux<Candidate> search(CandidateQuery query);

    /** Where a present provider is, for a worker's manual assignment; empty when not present. */
    Mono<LivePosition> position(String region, ServiceType service, String providerId);

    /**
     * Removes every provider whose last heartbeat is older than {@code now} minus the presence expiry.
     * Meant for a periodic job; returns how many (provider, service) listings were removed.
     */
    Mono<Long> trimStale(Instant now);
}
