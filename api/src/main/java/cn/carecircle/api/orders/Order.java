package cn.carecircle.api.orders;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.util.UUID;

public record Order(
        UUID id,
        UUID elderId,
        UUID communityId,
        ServiceType service,
        OrderStatus status,
        Channel channel,
        UUID placedBy,
        Settlement settlement,
        Long priceFen,
        Integer priceMinutes,
        int durationMinutes,
        Instant windowStart,
        Instant windowEnd,
        boolean immediate,
        String notes,
        Requirements requirements,
        Instant dispatchDueAt,
        Instant placedAt,
        String elderName) {

    public enum Channel {
        APP,
        PHONE
    }

    /** Fixed when the order is placed: paid in fen, or in time-bank minutes; never both. */
    public enum Settlement {
        PAID,
        TIME_BANK
    }

    /** Hard requirements matching must meet. */
    public record Requirements(Gender caregiverGender, boolean twoCaregivers, Language language) {
        public static final Requirements NONE = new Requirements(null, false, null);
    }

    @Override
    public String toString() {
        return "Order[" + id + ", " + status + "]";
    }
}
