package cn.carecircle.matching;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.RegionCode;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.facts.ElderVisit;
import java.util.List;

/**
 * What to match. Validates itself: bad input raises {@link InvalidMatchRequestException} naming the
 * field and the rule, which the api turns into a 400 problem.
 *
 * @param region the region code whose index keys to search (for example {@code 150802})
 * @param elderLocation the elder's home
 * @param travelLimitMinutes the community's travel-time limit, 1..240 (15 by default in the api)
 * @param service the service ordered
 * @param timing now or scheduled
 * @param window the service window; for "now" from the current time over the service duration
 * @param settlement PAID or TIME_BANK
 * @param requirements gender, seats, language
 * @param elderVisits earlier visits to this elder (any provider) with their ratings, for continuity
 */
public record MatchRequest(
        String region,
        GeoPoint elderLocation,
        int travelLimitMinutes,
        ServiceType service,
        Timing timing,
        TimeWindow window,
        SettlementKind settlement,
        Requirements requirements,
        List<ElderVisit> elderVisits) {

    public static final int MAX_TRAVEL_LIMIT_MINUTES = 240;

    public MatchRequest {
        RegionCode.requireValid(region);
        InvalidMatchRequestException.require(elderLocation, "elderLocation");
        if (travelLimitMinutes <= 0 || travelLimitMinutes > MAX_TRAVEL_LIMIT_MINUTES) {
            throw new InvalidMatchRequestException(
                    "travelLimitMinutes",
                    travelLimitMinutes <= 0 ? "positive" : "range",
                    "travel limit must be 1.." + MAX_TRAVEL_LIMIT_MINUTES + " minutes, was " + travelLimitMinutes);
        }
        InvalidMatchRequestException.require(service, "service");
        InvalidMatchRequestException.require(timing, "timing");
        InvalidMatchRequestException.require(window, "window");
        InvalidMatchRequestException.require(settlement, "settlement");
        requirements = requirements == null ? Requirements.NONE : requirements;
        elderVisits = elderVisits == null ? List.of() : List.copyOf(elderVisits);
    }
}
