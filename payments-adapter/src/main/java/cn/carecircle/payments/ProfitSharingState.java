package cn.carecircle.payments;

/** Where a profit-sharing split stands for its receiver. */
public enum ProfitSharingState {
    /** Accepted, not yet credited. */
    PROCESSING,
    /** Credited to the receiver. */
    SUCCESS,
    /** Failed for the receiver (account frozen, receiver removed...); the money stays with the merchant. */
    CLOSED
}
