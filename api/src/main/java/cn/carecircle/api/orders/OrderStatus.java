package cn.carecircle.api.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life cycle of an order and its legal transitions, as DESIGN.md's table gives them. Anything else is a 409
 * problem.
 */
public enum OrderStatus {
    REQUESTED,
    MATCHING,
    ASSIGNED,
    IN_SERVICE,
    COMPLETED,
    CONFIRMED,
    DISPUTED,
    ESCALATED,
    CANCELLED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(MATCHING, CANCELLED),
            MATCHING, EnumSet.of(ASSIGNED, ESCALATED, CANCELLED),
            ESCALATED, EnumSet.of(ASSIGNED, MATCHING, CANCELLED),
            ASSIGNED, EnumSet.of(MATCHING, IN_SERVICE, CANCELLED),
            IN_SERVICE, EnumSet.of(COMPLETED),
            COMPLETED, EnumSet.of(CONFIRMED, DISPUTED),
            DISPUTED, EnumSet.of(CONFIRMED, CANCELLED),
            CONFIRMED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    public boolean mayBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Before check-in the family or a worker may cancel, with a full refund. */
    public boolean cancellableBeforeCheckIn() {
        return this == REQUESTED || this == MATCHING || this == ESCALATED || this == ASSIGNED;
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }
}
