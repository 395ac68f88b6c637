package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.TravelMode;
import java.time.Instant;
import java.util.Comparator;

/**
 * An online provider who can reach the query's target within its limit.
 *
 * @param travelMinutes the exact estimate of the index's {@code TravelTimeModel} from the original
 *     (not geohashed) position
 */
public record Candidate(String providerId, GeoPoint position, TravelMode mode, double travelMinutes, Instant lastSeen) {

    /** Nearest in time first, then by id, so results are deterministic. */
    public static final Comparator<Candidate> BY_TRAVEL_TIME =
            Comparator.comparingDouble(Candidate::travelMinutes).thenComparing(Candidate::providerId);
}
