package cn.carecircle.matching.travel;

import cn.carecircle.matching.domain.TravelMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * Parameters of {@link GreatCircleTravelTimeModel}. {@link #defaults()} gives detour factor 1.3 and
 * the per-mode speeds and start-up allowances documented on {@link TravelMode}.
 *
 * @param detourFactor road distance ÷ great-circle distance, at least 1
 * @param speedsKmh speed per mode in km/h, every mode present and positive
 * @param startupMinutes fixed minutes per mode before moving (leaving home, parking), not negative
 */
public record TravelTimeSettings(
        double detourFactor, Map<TravelMode, Double> speedsKmh, Map<TravelMode, Double> startupMinutes) {

    public static final double DEFAULT_DETOUR_FACTOR = 1.3;

    public TravelTimeSettings {
        if (!(detourFactor >= 1.0) || !Double.isFinite(detourFactor)) {
            throw new IllegalArgumentException("detourFactor must be finite and at least 1, was " + detourFactor);
        }
        speedsKmh = copyComplete(speedsKmh, "speedsKmh", true);
        startupMinutes = copyComplete(startupMinutes, "startupMinutes", false);
    }

    public static TravelTimeSettings defaults() {
        Map<TravelMode, Double> speeds = new EnumMap<>(TravelMode.class);
        Map<TravelMode, Double> startup = new EnumMap<>(TravelMode.class);
        for (TravelMode mode : TravelMode.values()) {
            speeds.put(mode, mode.defaultSpeedKmh());
            startup.put(mode, mode.defaultStartupMinutes());
        }
        return new TravelTimeSettings(DEFAULT_DETOUR_FACTOR, speeds, startup);
    }

    public TravelTimeSettings withDetourFactor(double factor) {
        return new TravelTimeSettings(factor, speedsKmh, startupMinutes);
    }

    public TravelTimeSettings withSpeed(TravelMode mode, double kmh) {
        Map<TravelMode, Double> speeds = new EnumMap<>(speedsKmh);
        speeds.put(mode, kmh);
        return new TravelTimeSettings(detourFactor, speeds, startupMinutes);
    }

    public TravelTimeSettings withStartup(TravelMode mode, double minutes) {
        Map<TravelMode, Double> startup = new EnumMap<>(startupMinutes);
        startup.put(mode, minutes);
        return new TravelTimeSettings(detourFactor, speedsKmh, startup);
    }

    private static Map<TravelMode, Double> copyComplete(
            Map<TravelMode, Double> values, String name, boolean strictlyPositive) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        Map<TravelMode, Double> copy = new EnumMap<>(TravelMode.class);
        for (TravelMode mode : TravelMode.values()) {
            Double value = values.get(mode);
            if (value == null || !Double.isFinite(value) || (strictlyPositive ? value <= 0.0 : value < 0.0)) {
                throw new IllegalArgumentException(name + " for " + mode + " must be "
                        + (strictlyPositive ? "positive" : "not negative") + ", was " + value);
            }
            copy.put(mode, value);
        }
        return Map.copyOf(copy);
    }
}
