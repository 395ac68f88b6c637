package cn.carecircle.payments;

/** Where a payment stands at the provider. */
public enum PaymentState {
    /** Created, not paid yet. */
    NOT_PAID,
    /** The payer is completing the payment (password entry, bank confirmation). */
    PAYING,
    /** Paid in full. */
    PAID,
    /** Paid, then (partly or fully) refunded. */
    REFUNDED,
    /** Closed or revoked before being paid; can no longer be paid. */
    CLOSED,
    /** The payment attempt failed. */
    FAILED
}
