package cn.carecircle.matching.domain;

/**
 * How an order is settled, fixed when it is placed. Volunteers serve only TIME_BANK orders; paid
 * providers only PAID ones.
 */
public enum SettlementKind {
    /** Paid in fen: subsidy first, then online payment. */
    PAID,
    /** Paid in time-bank minutes. */
    TIME_BANK
}
