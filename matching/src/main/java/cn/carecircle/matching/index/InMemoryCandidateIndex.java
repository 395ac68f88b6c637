package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.RegionCode;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.travel.TravelTimeModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link CandidateIndex} that scans a map: for tests, simulations and the brute-force reference the
 * Redis index is checked against.
 */
public final class InMemoryCandidateIndex implements CandidateIndex {

    private record Listing(GeoPoint position, TravelMode mode, long lastSeenMillis) {}

    private final Map<String, Map<String, Listing>> byRegionAndService = new ConcurrentHashMap<>();
    private final TravelTimeModel travelTime;
    private final Clock clock;
    private final PresenceSettings presence;

    public InMemoryCandidateIndex(TravelTimeModel travelTime, Clock clock, PresenceSettings presence) {
        this.travelTime = Objects.requireNonNull(travelTime);
        this.clock = Objects.requireNonNull(clock);
        this.presence = Objects.requireNonNull(presence);
    }

    public InMemoryCandidateIndex(TravelTimeModel travelTime, Clock clock) {
        this(travelTime, clock, PresenceSettings.defaults());
    }

    private Map<String, Listing> listings(ServiceType service, String region) {
        return byRegionAndService.computeIfAbsent(service + ":" + region, k -> new ConcurrentHashMap<>());
    }

    @Override
    public Mono<Void> online(Heartbeat heartbeat) {
        return Mono.fromRunnable(() -> {
            for (ServiceType service : ServiceType.values()) {
                if (!heartbeat.services().contains(service)) {
                    listings(service, heartbeat.region()).remove(heartbeat.providerId());
                }
            }
            write(heartbeat, clock.millis());
        });
    }

    @Override
    public Mono<Void> heartbeats(List<Heartbeat> batch) {
        return Mono.fromRunnable(() -> {
            long now = clock.millis();
            batch.forEach(h -> write(h, now));
        });
    }

    private void write(Heartbeat h, long now) {
        for (ServiceType service : h.services()) {
            listings(service, h.region()).put(h.providerId(), new Listing(h.position(), h.mode(), now));
        }
    }

    @Override
    public Mono<Void> offline(String region, String providerId) {
        RegionCode.requireValid(region);
        return Mono.fromRunnable(() -> {
            for (ServiceType service : ServiceType.values()) {
                listings(service, region).remove(providerId);
            }
        });
    }

    @Override
    public Flux<Candidate> search(CandidateQuery query) {
        return Flux.defer(() -> {
            long cutoff = presence.cutoffMillis(clock.millis());
            List<Candidate> found = new ArrayList<>();
            listings(query.service(), query.region()).forEach((id, listing) -> {
                if (listing.lastSeenMillis() < cutoff) {
                    return;
                }
                double minutes = travelTime.minutes(listing.position(), query.target(), listing.mode());
                if (minutes <= query.limitMinutes()) {
                    found.add(new Candidate(
                            id,
                            listing.position(),
                            listing.mode(),
                            minutes,
                            Instant.ofEpochMilli(listing.lastSeenMillis())));
                }
            });
            found.sort(Candidate.BY_TRAVEL_TIME);
            return Flux.fromIterable(found);
        });
    }

    @Override
    public Mono<LivePosition> position(String region, ServiceType service, String providerId) {
        RegionCode.requireValid(region);
        return Mono.defer(() -> {
            Listing listing = listings(service, region).get(providerId);
            if (listing == null || listing.lastSeenMillis() < presence.cutoffMillis(clock.millis())) {
                return Mono.empty();
            }
            return Mono.just(new LivePosition(
                    providerId, listing.position(), listing.mode(), Instant.ofEpochMilli(listing.lastSeenMillis())));
        });
    }

    @Override
    public Mono<Long> trimStale(Instant now) {
        return Mono.fromSupplier(() -> {
            long cutoff = presence.cutoffMillis(now.toEpochMilli());
            long removed = 0;
            for (Map<String, Listing> listings : byRegionAndService.values()) {
                for (Map.Entry<String, Listing> e : listings.entrySet()) {
                    if (e.getValue().lastSeenMillis() < cutoff && listings.remove(e.getKey(), e.getValue())) {
                        removed++;
                    }
                }
            }
            return removed;
        });
    }
}
