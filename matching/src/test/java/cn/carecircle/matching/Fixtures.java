package cn.carecircle.matching;

import cn.carecircle.matching.domain.GeoPoint;

/** Places used across tests. */
public final class Fixtures {

    /** 临河区, Bayannur: region 150802. */
    public static final String LINHE = "150802";

    public static final GeoPoint LINHE_CENTRE = GeoPoint.of(40.7574, 107.3877);

    private Fixtures() {}

    /** The point {@code meters} away from {@code origin} on the given bearing (degrees from north). */
    public static GeoPoint offset(GeoPoint origin, double meters, double bearingDegrees) {
        double r = cn.carecircle.matching.travel.GreatCircleTravelTimeModel.EARTH_RADIUS_METERS;
        double delta = meters / r;
        double theta = Math.toRadians(bearingDegrees);
        double lat1 = Math.toRadians(origin.latitude());
        double lon1 = Math.toRadians(origin.longitude());
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(theta));
        double lon2 = lon1
                + Math.atan2(
                        Math.sin(theta) * Math.sin(delta) * Math.cos(lat1),
                        Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2));
        double lonDeg = Math.toDegrees(lon2);
        lonDeg = ((lonDeg + 540.0) % 360.0) - 180.0;
        return GeoPoint.of(Math.toDegrees(lat2), lonDeg);
    }
}
