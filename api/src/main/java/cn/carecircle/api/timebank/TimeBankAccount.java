package cn.carecircle.api.timebank;

import java.util.UUID;

/**
 * A time-bank account. A pool's balance is the sum of its legs and may be negative (minus it is what the community
 * owes); a personal balance is stored and never negative.
 */
public record TimeBankAccount(UUID id, Kind kind, HolderType holderType, UUID holderId, long balance) {

    public enum Kind {
        POOL,
        PERSONAL
    }

    /** COMMUNITY for a pool; ACCOUNT for a volunteer or family member (one account whatever the roles); ELDER. */
    public enum HolderType {
        COMMUNITY,
        ACCOUNT,
        ELDER
    }

    public boolean pool() {
        return kind == Kind.POOL;
    }
}
