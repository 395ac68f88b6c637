package cn.carecircle.matching;

import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.ranking.Score;

/**
 * An eligible provider with the score that placed them.
 *
 * @param providerId the provider
 * @param travelMinutes estimated travel time to the elder
 * @param mode how they travel
 * @param from whether travel is measured from the live position or the home base
 * @param score the score and its components
 */
public record RankedCandidate(String providerId, double travelMinutes, TravelMode mode, Origin from, Score score) {

    /** Where travel time is measured from. */
    public enum Origin {
        LIVE_POSITION,
        HOME_BASE
    }
}
