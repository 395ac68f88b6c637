package cn.carecircle.api.orders;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** What orders tell dispatch (implemented there; orders do not depend on how offers work). */
public interface DispatchTrigger {

    /** In the transaction that moved the order to MATCHING: makes its first round of offers due now. */
    Mono<Void> matchingStarted(Order order);

    /**
     * After that transaction committed: sends the due round at once rather than at the next poll. A failure here
     * loses nothing: the round stays due and background work sends it.
     */
    Mono<Void> runDueRound(UUID orderId);

    /** In the cancelling transaction: withdraws open offers and stops rounds and no-show checks. */
    Mono<Void> cancelled(UUID orderId);

    /** In the confirming transaction: what the visits earned (a volunteer's minutes) is posted. */
    Mono<Void> confirmed(Order order);
}
