package cn.carecircle.api.payments;

import java.util.UUID;

/** An account of the money ledger: a kind and its holder (a community, an organisation or a provider). */
record MoneyAccount(UUID id, Kind kind, UUID holderId, UUID communityId) {

    enum Kind {
        /** The community's subsidy fund (养老服务补贴): an issuer, its balance minus what it has paid out. */
        SUBSIDY_FUND,
        /** Families' online payments as they come in: an issuer. */
        EXTERNAL,
        /** Held until the order is confirmed (third-party custody of prepaid funds); never negative. */
        ESCROW,
        /** Owed to a service organisation or an independent provider; never negative. */
        PAYABLE,
        /** Paid back to families through the gateway (asked of it, or done); never negative. */
        REFUNDS,
        /**
         * Paid back to families by the community outside the gateway (cash, bank transfer) after the gateway
         * declined the refund; never negative.
         */
        OFFLINE_REFUNDS;

        /** An issuer's row is never written: its balance is the sum of its legs, and it may be negative. */
        boolean issuer() {
            return this == SUBSIDY_FUND || this == EXTERNAL;
        }
    }
}
