package cn.carecircle.payments;

import reactor.core.publisher.Mono;

/**
 * The payment provider, as CareCircle needs it. Money is integer fen. Every operation is keyed by an
 * idempotency key of ours (out_trade_no, out_refund_no, out_order_no): sending the same command twice
 * yields the same payment, refund or split, never a second one. Failures are signalled as
 * {@link PaymentGatewayException} subclasses.
 */
public interface PaymentGateway {

    /** Creates (or, for a known out_trade_no with the same terms, returns again) an app payment. */
    Mono<AppPayment> createAppPayment(CreatePaymentCommand command);

    /** The provider's view of the payment with this out_trade_no. */
    Mono<PaymentStatus> queryPayment(String outTradeNo);

    /** Closes an unpaid payment so that it can no longer be paid; closing a closed payment is a no-op. */
    Mono<Void> closePayment(String outTradeNo);

    /** Refunds part or all of a paid payment; the total of refunds never exceeds what was paid. */
    Mono<RefundStatus> refund(RefundCommand command);

    /** The provider's view of the refund with this out_refund_no. */
    Mono<RefundStatus> queryRefund(String outRefundNo);

    /** Splits part of a paid payment (made with profit sharing) to a receiver's account. */
    Mono<ProfitSharingResult> shareProfit(ProfitSharingCommand command);

    /**
     * Verifies (signature, timestamp window), decrypts and reads a notification, and reports whether
     * its id was seen before. Fails with {@link UnverifiableMessageException} when it cannot be trusted.
     */
    Mono<NotificationResult> parseNotification(WebhookRequest request);
}
