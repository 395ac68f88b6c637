package cn.carecircle.payments;

import java.time.Instant;

/** What a verified notification tells us. */
public sealed interface PaymentEvent {

    /** The provider's notification id, the key to process it once. */
    String notificationId();

    /** A payment succeeded ({@code TRANSACTION.SUCCESS}). */
    record PaymentSucceeded(
            String notificationId, String outTradeNo, String transactionId, long paidFen, Instant paidAt)
            implements PaymentEvent {}

    /** A refund reached a final state ({@code REFUND.SUCCESS}, {@code REFUND.CLOSED}, {@code REFUND.ABNORMAL}). */
    record RefundChanged(
            String notificationId,
            String outRefundNo,
            String outTradeNo,
            String refundId,
            RefundState state,
            long refundFen,
            Instant succeededAt)
            implements PaymentEvent {}

    /** A verified notification of a kind this port does not interpret; acknowledge it and move on. */
    record Unrecognised(String notificationId, String eventType) implements PaymentEvent {}
}
