package cn.carecircle.payments;

/** Where a refund stands at the provider. */
public enum RefundState {
    /** Accepted, money on its way back. */
    PROCESSING,
    /** The money is back with the payer. */
    SUCCESS,
    /** Closed by the provider without paying out. */
    CLOSED,
    /** The payer's account could not take the money; needs a person to act. */
    ABNORMAL
}
