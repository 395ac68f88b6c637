package cn.carecircle.matching.travel;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.TravelMode;

/**
 * The default travel-time estimate: {@code startup(mode) + haversine(from, to) × detour ÷ speed(mode)},
 * on a sphere of the mean Earth radius (6,371,008.8 m). Good enough for a 15-minute circle in a city
 * grid; a road-network model can replace it through {@link TravelTimeModel}.
 */
public final class GreatCircleTravelTimeModel implements TravelTimeModel {

    /** IUGG mean Earth radius in metres. */
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private final TravelTimeSettings settings;
    private final double[] metersPerMinute = new double[TravelMode.values().length];
    private final double[] startup = new double[TravelMode.values().length];

    public GreatCircleTravelTimeModel() {
        this(TravelTimeSettings.defaults());
    }

    public GreatCircleTravelTimeModel(TravelTimeSettings settings) {
        this.settings = settings;
        for (TravelMode mode : TravelMode.values()) {
            metersPerMinute[mode.ordinal()] = settings.speedsKmh().get(mode) * 1000.0 / 60.0;
            startup[mode.ordinal()] = settings.startupMinutes().get(mode);
        }
    }

    public TravelTimeSettings settings() {
        return settings;
    }

    @Override
    public double minutes(GeoPoint from, GeoPoint to, TravelMode mode) {
        double roadMeters = distanceMeters(from, to) * settings.detourFactor();
        return startup[mode.ordinal()] + roadMeters / metersPerMinute[mode.ordinal()];
    }

    @Override
    public double reachRadiusMeters(double limitMinutes) {
        double radius = -1.0;
        for (TravelMode mode : TravelMode.values()) {
            radius = Math.max(radius, reachRadiusMeters(limitMinutes, mode));
        }
        return radius;
    }

    @Override
    public double reachRadiusMeters(double limitMinutes, TravelMode mode) {
        double moving = limitMinutes - startup[mode.ordinal()];
        return moving < 0.0 ? -1.0 : moving * metersPerMinute[mode.ordinal()] / settings.detourFactor();
    }

    /** Great-circle distance in metres (haversine formula). */
    public static double distanceMeters(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double sinLat = Math.sin(dLat / 2.0);
        double sinLon = Math.sin(dLon / 2.0);
        double h = sinLat * sinLat + Math.cos(lat1) * Math.cos(lat2) * sinLon * sinLon;
        return 2.0 * EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
