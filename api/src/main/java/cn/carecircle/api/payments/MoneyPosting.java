package cn.carecircle.api.payments;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one posting of the money ledger is to move, checked to be a true double entry: at least two legs on distinct
 * accounts, none zero, summing to zero.
 */
record MoneyPosting(String key, Kind kind, UUID communityId, UUID orderId, List<Leg> legs) {

    enum Kind {
        /** subsidy fund → escrow, when an order is paid */
        SUBSIDY_HOLD,
        /** external → escrow, when WeChat Pay reports the online part paid */
        ONLINE_HOLD,
        /** escrow → payable, when the order is confirmed */
        SETTLE,
        /** escrow → subsidy fund, when the order is cancelled */
        SUBSIDY_RETURN,
        /** escrow → refunds, when the order is cancelled after the online part was paid */
        REFUND,
        /** refunds → offline refunds, when a worker records a declined refund as settled outside the gateway */
        OFFLINE_REFUND
    }

    /** Fen on one account: a credit is positive, a debit negative. */
    record Leg(MoneyAccount account, long fen) {}

    MoneyPosting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(orderId, "orderId");
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("A posting has at least two legs");
        }
        if (legs.stream().anyMatch(l -> l.fen() == 0)) {
            throw new IllegalArgumentException("A leg moves at least one fen");
        }
        if (legs.stream().mapToLong(Leg::fen).sum() != 0) {
            throw new IllegalArgumentException("The legs of a posting sum to zero");
        }
        if (new HashSet<>(legs.stream().map(l -> l.account().id()).toList()).size() != legs.size()) {
            throw new IllegalArgumentException("A posting touches each account once");
        }
    }

    /** A posting of {@code fen} from one account to another. */
    static MoneyPosting transfer(
            String key, Kind kind, UUID communityId, UUID orderId, MoneyAccount from, MoneyAccount to, long fen) {
        return new MoneyPosting(key, kind, communityId, orderId, List.of(new Leg(from, -fen), new Leg(to, fen)));
    }

    /** What the posting moves; the same key with another fingerprint is not a replay. */
    String fingerprint() {
        return kind + "|" + orderId + "|"
                + legs.stream()
                        .sorted(Comparator.comparing(l -> l.account().id()))
                        .map(l -> l.account().id() + "=" + l.fen())
                        .collect(Collectors.joining(","));
    }
}
