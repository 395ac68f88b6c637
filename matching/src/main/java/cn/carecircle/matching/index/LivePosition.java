package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.TravelMode;
import java.time.Instant;

/** Where an online provider was last seen, and how they travel. */
public record LivePosition(String providerId, GeoPoint position, TravelMode mode, Instant lastSeen) {}
