package cn.carecircle.api.orders;

import reactor.core.publisher.Mono;

/** What orders tell payments (implemented there): the money of a PAID order follows its end. */
public interface OrderSettlement {

    /** In the confirming transaction: what is held in escrow for the order is settled to its provider. */
    Mono<Void> confirmed(Order order);

    /** In the cancelling transaction: every part paid goes back to where it came from. */
    Mono<Void> cancelled(Order order);
}
