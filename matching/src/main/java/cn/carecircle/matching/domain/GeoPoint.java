package cn.carecircle.matching.domain;

/**
 * A WGS-84 position in degrees. Latitude in −90..90, longitude in −180..180, both finite.
 *
 * @param latitude degrees north
 * @param longitude degrees east
 */
public record GeoPoint(double latitude, double longitude) {

    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -90.0 || latitude > 90.0) {
            throw new InvalidMatchRequestException(
                    "latitude", "range", "latitude must be between -90 and 90, was " + latitude);
        }
        if (!Double.isFinite(longitude) || longitude < -180.0 || longitude > 180.0) {
            throw new InvalidMatchRequestException(
                    "longitude", "range", "longitude must be between -180 and 180, was " + longitude);
        }
    }

    public static GeoPoint of(double latitude, double longitude) {
        return new GeoPoint(latitude, longitude);
    }
}
