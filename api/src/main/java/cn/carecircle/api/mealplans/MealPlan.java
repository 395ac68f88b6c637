package cn.carecircle.api.mealplans;

import cn.carecircle.api.orders.Order;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A recurring meal order. Times of day are China time.
 *
 * @param createdThrough the last day whose occurrence has been considered (created, or skipped as not served)
 * @param dueAt when the next days are to be created; null when the plan is not active or nothing is left to create
 * @param shortOfMinutesFrom TIME_BANK: the first day whose meal the payer's minutes did not cover (no order from it
 *     on; tried again each day); null when the plan is not short
 */
record MealPlan(
        UUID id,
        UUID elderId,
        UUID communityId,
        UUID canteenId,
        UUID placedBy,
        Order.Channel channel,
        Order.Settlement settlement,
        Days days,
        LocalDate firstDay,
        LocalDate lastDay,
        LocalTime windowStart,
        int windowMinutes,
        int durationMinutes,
        String notes,
        Status status,
        LocalDate createdThrough,
        LocalDate shortOfMinutesFrom,
        Instant dueAt,
        Instant placedAt) {

    enum Days {
        /** every day */
        DAILY,
        /** the working days of the working-day calendar, make-up working days (调休) included */
        WORKDAYS
    }

    enum Status {
        ACTIVE,
        PAUSED,
        CANCELLED
    }

    /** One served day and its order. */
    record Occurrence(LocalDate day, UUID orderId, cn.carecircle.api.orders.OrderStatus status) {}
}
