package cn.carecircle.api.timebank;

import java.time.Instant;
import java.util.UUID;

/** One leg of an account with the balance after it, as the statement shows it. */
record StatementLine(
        UUID postingId, Posting.Kind kind, Instant postedAt, long minutes, long balanceAfter, String memo) {}
