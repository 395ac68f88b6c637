package cn.carecircle.payments;

/**
 * Refund (part of) a paid payment.
 *
 * @param outRefundNo our refund number, 1 to 64 characters, the idempotency key of the refund
 * @param outTradeNo the order number of the payment to refund
 * @param refundFen how much to refund, in fen
 * @param totalFen the original payment's total, in fen (the provider checks it)
 * @param reason shown to the payer, optional (no personal data)
 */
public record RefundCommand(String outRefundNo, String outTradeNo, long refundFen, long totalFen, String reason) {

    public RefundCommand {
        Checks.key("outRefundNo", outRefundNo, 1, 64);
        Checks.key("outTradeNo", outTradeNo, 6, 32);
        Checks.fen("refundFen", refundFen);
        Checks.fen("totalFen", totalFen);
        if (refundFen > totalFen) {
            throw new InvalidPaymentRequestException("refundFen must not exceed totalFen");
        }
        Checks.optionalText("reason", reason, 80);
    }
}
