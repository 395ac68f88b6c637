package cn.carecircle.payments;

import java.time.Instant;

/**
 * A payment as the provider sees it.
 *
 * @param outTradeNo our order number
 * @param transactionId the provider's transaction id, null until paid
 * @param state where the payment stands
 * @param totalFen the amount asked for, in fen
 * @param paidAt when the payment succeeded, null until paid
 */
public record PaymentStatus(
        String outTradeNo, String transactionId, PaymentState state, long totalFen, Instant paidAt) {}
