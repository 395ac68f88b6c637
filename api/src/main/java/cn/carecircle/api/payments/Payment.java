package cn.carecircle.api.payments;

import java.time.LocalDate;
import java.util.UUID;

/** The payment of one PAID order: the subsidy part, the online part, and where the money stands. */
record Payment(
        UUID orderId,
        UUID communityId,
        UUID elderId,
        UUID paidBy,
        long totalFen,
        long subsidyFen,
        long onlineFen,
        LocalDate subsidyMonth,
        String outTradeNo,
        State state,
        String outRefundNo,
        String refundState) {

    enum State {
        /** the online part is awaited */
        PENDING,
        /** everything is in escrow */
        HELD,
        /** paid to the provider's payable */
        SETTLED,
        /** cancelled before the online part was paid */
        CLOSED,
        /** cancelled after; every part went back */
        REFUNDED
    }

    /** WeChat Pay's order number: the order id's 32 hex digits, so paying again can only ask for the same payment. */
    static String outTradeNoOf(UUID orderId) {
        return orderId.toString().replace("-", "");
    }

    static String outRefundNoOf(UUID orderId) {
        return "RF" + outTradeNoOf(orderId);
    }
}
