package cn.carecircle.api.orders;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service order.
 *
 * @param chargedMinutes TIME_BANK: what placing it paid in minutes, 0 when the elder was served free; null for PAID
 * @param chargedAccountId TIME_BANK: the time-bank account that paid; null when nothing was charged
 */
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
        Long chargedMinutes,
        UUID chargedAccountId,
        int durationMinutes,
        Instant windowStart,
        Instant windowEnd,
        boolean immediate,
        String notes,
        Requirements requirements,
        Instant dispatchDueAt,
        Instant placedAt,
        String elderName,
        List<Seat> seats) {

    public Order {
        seats = seats == null ? List.of() : List.copyOf(seats);
    }

    /** One caregiver's place on the order: who holds it and how far the visit has come. */
    public record Seat(
            int seatNo,
            UUID providerId,
            String providerName,
            Instant assignedAt,
            String assignedByRole,
            boolean checkInLocked,
            Instant checkedInAt,
            Instant checkedOutAt) {}

    /** The order as paid in minutes when placed. */
    Order charged(long minutes, UUID accountId) {
        return new Order(
                id,
                elderId,
                communityId,
                service,
                status,
                channel,
                placedBy,
                settlement,
                priceFen,
                priceMinutes,
                minutes,
                accountId,
                durationMinutes,
                windowStart,
                windowEnd,
                immediate,
                notes,
                requirements,
                dispatchDueAt,
                placedAt,
                elderName,
                seats);
    }

    /** How many caregivers the order needs. */
    public int seatCount() {
        return requirements.twoCaregivers() ? 2 : 1;
    }

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
