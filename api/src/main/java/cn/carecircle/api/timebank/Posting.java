package cn.carecircle.api.timebank;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One double-entry posting: its legs sum to zero. */
public record Posting(
        UUID id, Kind kind, UUID communityId, Instant postedAt, LocalDate valueDate, String memo, List<Leg> legs) {

    /**
     * ISSUE: pool → volunteer; GIFT: person → person; REDEEM: person → pool (a time-bank order paid); REFUND: pool →
     * person (a cancelled order's minutes back to who paid them).
     */
    public enum Kind {
        ISSUE,
        GIFT,
        REDEEM,
        REFUND
    }

    /** Minutes on one account: a credit is positive, a debit negative. */
    public record Leg(UUID accountId, long minutes) {}

    public Posting {
        legs = List.copyOf(legs);
    }

    /** The posting, and whether it was an earlier one found by its idempotency key. */
    public record Result(Posting posting, boolean replay) {}
}
