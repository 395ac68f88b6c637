package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.RegionCode;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import java.util.Objects;
import java.util.Set;

/**
 * A provider's position report while online. The index stamps it with its own clock when written.
 *
 * @param providerId the provider
 * @param region the region whose keys the provider is listed in
 * @param services the services the provider is online for (at least one)
 * @param mode how the provider travels now (used by the exact travel-time filter)
 * @param position the reported position
 */
public record Heartbeat(
        String providerId, String region, Set<ServiceType> services, TravelMode mode, GeoPoint position) {

    public Heartbeat {
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("providerId is required");
        }
        RegionCode.requireValid(region);
        services = Set.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a heartbeat needs at least one service");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(position, "position");
    }
}
