package cn.carecircle.payments;

import java.time.Instant;

/**
 * A refund as the provider sees it.
 *
 * @param outRefundNo our refund number
 * @param outTradeNo the order number of the refunded payment
 * @param refundId the provider's refund id
 * @param state where the refund stands
 * @param refundFen the amount refunded, in fen
 * @param succeededAt when the money reached the payer, null until then
 */
public record RefundStatus(
        String outRefundNo,
        String outTradeNo,
        String refundId,
        RefundState state,
        long refundFen,
        Instant succeededAt) {}
