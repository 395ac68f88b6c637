package cn.carecircle.api.payments;

import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.util.UUID;

/**
 * Gateway work left for a person: WeChat Pay declined to refund (or close) an order's online part. A worker of the
 * community retries it or records it as settled offline; the elder appears by masked name only.
 */
record PaymentCase(
        UUID id,
        UUID orderId,
        UUID communityId,
        ServiceType service,
        String elderMaskedName,
        Action action,
        long amountFen,
        String gatewayCode,
        String gatewayMessage,
        Instant openedAt,
        Status status,
        Instant resolvedAt,
        UUID resolvedBy,
        String resolvedByName,
        String reason,
        String reference) {

    enum Action {
        /** refunding the online part of a cancelled order */
        REFUND,
        /** closing the unpaid online payment of a cancelled order */
        CLOSE;

        static Action of(Payment.State state) {
            return state == Payment.State.CLOSED ? CLOSE : REFUND;
        }
    }

    enum Status {
        OPEN,
        RETRIED,
        SETTLED_OFFLINE
    }

    /** What the gateway answered a worker's retry. */
    enum RetryOutcome {
        ACCEPTED,
        /** declined again: a new open case records the answer */
        DECLINED,
        /** not reached: background work asks again */
        UNAVAILABLE
    }
}
