package cn.carecircle.api.orders;

import static cn.carecircle.api.orders.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table, pair by pair, against DESIGN.md's order life cycle. */
class OrderStatusTest {

    private static final Set<String> LEGAL = Set.of(
            "REQUESTED>MATCHING",
            "REQUESTED>CANCELLED",
            "MATCHING>ASSIGNED",
            "MATCHING>ESCALATED",
            "MATCHING>CANCELLED",
            "ESCALATED>ASSIGNED",
            "ESCALATED>MATCHING",
            "ESCALATED>CANCELLED",
            "ASSIGNED>MATCHING",
            "ASSIGNED>IN_SERVICE",
            "ASSIGNED>CANCELLED",
            "IN_SERVICE>COMPLETED",
            "COMPLETED>CONFIRMED",
            "COMPLETED>DISPUTED",
            "DISPUTED>CONFIRMED",
            "DISPUTED>CANCELLED");

    @Test
    void exactlyTheTransitionsOfTheDesignAreLegal() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.mayBecome(to)).as(from + " > " + to).isEqualTo(LEGAL.contains(from + ">" + to));
            }
        }
    }

    @Test
    void cancellationBeforeCheckInOnly() {
        EnumSet<OrderStatus> cancellable = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            if (s.cancellableBeforeCheckIn()) {
                cancellable.add(s);
            }
        }
        assertThat(cancellable).containsExactlyInAnyOrder(REQUESTED, MATCHING, ESCALATED, ASSIGNED);
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::terminal))
                .containsExactlyInAnyOrder(CONFIRMED, CANCELLED);
    }
}
