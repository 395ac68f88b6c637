package cn.carecircle.api.coverage;

import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.TravelMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One computation of a community's coverage, as the admin site shows it: names masked, positions rounded to about
 * 100 m. Stored as it is (JSON) as the community's latest coverage.
 */
public record Coverage(
        UUID communityId, int travelLimitMinutes, Instant computedAt, List<ServiceCoverage> services, CoverageMap map) {

    /** @param rate covered ÷ elders, null when the community has no elders */
    public record ServiceCoverage(
            ServiceType service, int elders, int covered, Double rate, List<UncoveredElder> uncovered) {}

    /** @param nearestMinutes the nearest provider who meets every rule but the travel limit; null when none does */
    public record UncoveredElder(UUID elderId, String maskedName, Double nearestMinutes) {}

    public record CoverageMap(
            GeoPoint centre, Map<String, Object> boundary, List<MapElder> elders, List<MapProvider> providers) {}

    public record MapElder(UUID elderId, String maskedName, GeoPoint point, Set<ServiceType> uncoveredServices) {}

    public record MapProvider(UUID providerId, GeoPoint point, Set<ServiceType> services, TravelMode travelMode) {}

    /** The figure of one community, service and month, for the monthly reports. */
    public record Figure(UUID communityId, ServiceType service, long elders, long covered, Instant computedAt) {
        public Double rate() {
            return elders == 0 ? null : (double) covered / elders;
        }
    }
}
