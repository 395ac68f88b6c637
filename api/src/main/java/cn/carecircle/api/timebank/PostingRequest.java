package cn.carecircle.api.timebank;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a posting is to move, checked to be a true double entry: at least two legs on distinct accounts, none zero,
 * summing to zero.
 */
record PostingRequest(
        String key,
        Posting.Kind kind,
        UUID communityId,
        UUID initiatedBy,
        UUID referenceId,
        String memo,
        LocalDate valueDate,
        List<LegSpec> legs) {

    /** A leg with its account, so the ledger knows which balances must not go negative. */
    record LegSpec(TimeBankAccount account, long minutes) {
        Posting.Leg leg() {
            return new Posting.Leg(account.id(), minutes);
        }
    }

    PostingRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(valueDate, "valueDate");
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("A posting has at least two legs");
        }
        if (legs.stream().anyMatch(l -> l.minutes() == 0)) {
            throw new IllegalArgumentException("A leg moves at least one minute");
        }
        if (legs.stream().mapToLong(LegSpec::minutes).sum() != 0) {
            throw new IllegalArgumentException("The legs of a posting sum to zero");
        }
        if (new HashSet<>(legs.stream().map(l -> l.account().id()).toList()).size() != legs.size()) {
            throw new IllegalArgumentException("A posting touches each account once");
        }
    }

    /** What the posting moves; the same key with another fingerprint is not a replay. */
    String fingerprint() {
        return kind + "|" + communityId + "|"
                + legs.stream()
                        .sorted(Comparator.comparing(l -> l.account().id()))
                        .map(l -> l.account().id() + "=" + l.minutes())
                        .collect(Collectors.joining(","));
    }
}
