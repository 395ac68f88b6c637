package cn.carecircle.api.orders;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Violations;
import java.time.Instant;
import java.util.UUID;

/** What a family member or a worker asks for; the window is null for "now". */
public record PlaceOrderCommand(
        UUID elderId,
        ServiceType service,
        int durationMinutes,
        Order.Settlement settlement,
        Instant windowStart,
        Instant windowEnd,
        String notes,
        Order.Requirements requirements) {

    public PlaceOrderCommand {
        requirements = requirements == null ? Order.Requirements.NONE : requirements;
        Violations v = new Violations();
        if (windowStart != null && windowEnd != null) {
            v.check(windowEnd.isAfter(windowStart), "window.end", "after-start", "must be after the start");
            v.check(
                    !windowEnd.isBefore(windowStart.plusSeconds(durationMinutes * 60L)),
                    "window",
                    "fits-duration",
                    "must be at least as long as the service (" + durationMinutes + " min)");
        }
        v.check(
                !requirements.twoCaregivers() || service == ServiceType.BATHING,
                "requirements.twoCaregivers",
                "bathing-only",
                "only bathing is done by two caregivers");
        v.throwIfAny();
    }

    public boolean immediate() {
        return windowStart == null;
    }
}
