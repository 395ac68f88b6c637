package cn.carecircle.matching.domain;

/**
 * How a provider travels. The defaults are typical door-to-door figures for a Chinese city and are
 * overridden through {@code TravelTimeSettings}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>mode</th><th>speed</th><th>start-up</th></tr>
 *   <tr><td>WALK</td><td>4.5 km/h</td><td>1 min</td></tr>
 *   <tr><td>BICYCLE</td><td>12 km/h</td><td>2 min (unlock, leave the bike)</td></tr>
 *   <tr><td>E_BIKE</td><td>18 km/h</td><td>2 min</td></tr>
 *   <tr><td>CAR</td><td>25 km/h (urban average with lights and traffic)</td><td>5 min (parking at both ends)</td></tr>
 * </table>
 */
public enum TravelMode {
    WALK(4.5, 1.0),
    BICYCLE(12.0, 2.0),
    E_BIKE(18.0, 2.0),
    CAR(25.0, 5.0);

    private final double defaultSpeedKmh;
    private final double defaultStartupMinutes;

    TravelMode(double defaultSpeedKmh, double defaultStartupMinutes) {
        this.defaultSpeedKmh = defaultSpeedKmh;
        this.defaultStartupMinutes = defaultStartupMinutes;
    }

    public double defaultSpeedKmh() {
        return defaultSpeedKmh;
    }

    public double defaultStartupMinutes() {
        return defaultStartupMinutes;
    }
}
