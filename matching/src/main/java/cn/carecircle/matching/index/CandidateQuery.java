package cn.carecircle.matching.index;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.RegionCode;
import cn.carecircle.matching.domain.ServiceType;

/**
 * "Who offering {@code service} in {@code region} could reach {@code target} within
 * {@code limitMinutes}, now?"
 */
public record CandidateQuery(String region, ServiceType service, GeoPoint target, double limitMinutes) {

    public CandidateQuery {
        RegionCode.requireValid(region);
        InvalidMatchRequestException.require(service, "service");
        InvalidMatchRequestException.require(target, "target");
        if (!Double.isFinite(limitMinutes) || limitMinutes <= 0.0) {
            throw new InvalidMatchRequestException(
                    "travelLimitMinutes", "positive", "travel limit must be positive minutes, was " + limitMinutes);
        }
    }
}
