package cn.carecircle.api.orders;

import java.time.Instant;
import java.util.UUID;

/** One line of an order's timeline. {@code from} is null for the placing of the order. */
public record OrderEvent(
        UUID orderId,
        Instant at,
        OrderStatus from,
        OrderStatus to,
        String actorRole,
        UUID actorAccountId,
        String reason) {}
