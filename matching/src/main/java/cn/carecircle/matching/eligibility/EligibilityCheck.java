package cn.carecircle.matching.eligibility;

import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the rules check a provider against.
 *
 * @param service the service ordered
 * @param serviceDay the local day of the window's start (credential validity)
 * @param window the service window
 * @param scheduled true for a scheduled order (working hours apply), false for "now"
 * @param settlement the order's settlement kind
 * @param requiredGender the elder's gender requirement, or null for none
 * @param travelLimitMinutes the community's limit
 */
public record EligibilityCheck(
        ServiceType service,
        LocalDate serviceDay,
        TimeWindow window,
        boolean scheduled,
        SettlementKind settlement,
        Gender requiredGender,
        double travelLimitMinutes) {

    public EligibilityCheck {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceDay, "serviceDay");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(settlement, "settlement");
    }
}
