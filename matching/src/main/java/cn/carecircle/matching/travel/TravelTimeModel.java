package cn.carecircle.matching.travel;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.TravelMode;

/**
 * Estimates how long a provider needs to reach a place. Callers only ever compare
 * {@link #minutes} with a limit, and ask {@link #reachRadiusMeters} for a straight-line bound to
 * pre-filter a spatial index; a road-network model implements both and replaces the default.
 */
public interface TravelTimeModel {

    /** Estimated door-to-door minutes from {@code from} to {@code to} travelling by {@code mode}. */
    double minutes(GeoPoint from, GeoPoint to, TravelMode mode);

    /**
     * A great-circle distance in metres beyond which no provider, whatever the mode, can arrive within
     * {@code limitMinutes}. Must never be smaller than the truth: a spatial index searches this radius
     * and then applies {@link #minutes} exactly. Negative when nobody can arrive within the limit at
     * all (a limit shorter than every start-up allowance).
     */
    double reachRadiusMeters(double limitMinutes);

    /**
     * The same bound for one travel mode, so an index can prune per mode before the exact filter.
     * Defaults to the bound for every mode.
     */
    default double reachRadiusMeters(double limitMinutes, TravelMode mode) {
        return reachRadiusMeters(limitMinutes);
    }
}
