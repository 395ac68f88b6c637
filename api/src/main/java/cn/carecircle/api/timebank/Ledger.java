package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The double-entry core: one posting, in one transaction, or nothing.
 *
 * <p>Locking: each personal balance is changed by one conditional {@code update}, which takes the row lock,
 * re-reads the committed balance under it and, for a debit, writes only when the balance covers it (the row count
 * says whether it did). There is no read-then-write window, so no update is lost, and the lock is held only to the
 * commit. We chose this over {@code select … for update} because it is one round trip per account and the refusal
 * is the same statement as the check. The updates run in ascending account id ({@link #ACCOUNT_ORDER}, PostgreSQL's
 * order of uuids, which a batch locks in too), whatever is debited or credited, so two postings over the same
 * accounts wait for each other and never deadlock. The pools are never updated (their
 * balance is the sum of their legs), so every posting of a community can run at once; inserting a leg takes only
 * the foreign key's shared lock on the pool's row, which no other posting conflicts with.
 *
 * <p>Idempotency: the posting's head is inserted first, claiming its unique key. A concurrent twin waits on the
 * unique index until the first commits, then finds the key taken and returns the first posting; if the first
 * rolled back, the twin posts.
 *
 * <p>Atomic on its own: inside a caller's transaction a posting runs under a savepoint, so a refused posting (a
 * balance that does not cover it, a broken rule) leaves nothing behind, not even its claimed key, and the caller
 * may go on (a meal plan skipping a day its payer cannot pay, a confirmation whose minutes a cap refuses).
 *
 * <p>Many postings at once: {@link #postBatch}, a constant number of statements per batch, each posting ending as
 * it would posted alone in the same order.
 */
@Component
class Ledger {

    /**
     * Ascending account ids as PostgreSQL orders uuids (bytewise, unsigned), which {@link UUID#compareTo} does not:
     * single postings and batches lock in this one order.
     */
    static final Comparator<UUID> ACCOUNT_ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private final LedgerRepository repository;
    private final Clock clock;

    Ledger(LedgerRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Posts the request, or returns the posting its key already made. {@code check} runs after the balances are
     * locked (so sums it reads of the locked accounts are final) and before the legs are written; a rule it finds
     * broken is an error signal that rolls the posting back. A replay skips it.
     */
    @Transactional(propagation = Propagation.NESTED)
    Mono<Posting.Result> post(PostingRequest request, Supplier<Mono<Void>> check) {
        UUID postingId = UUID.randomUUID();
        return repository.claim(request, postingId, clock.instant()).flatMap(claimed -> {
            if (!claimed) {
                return replay(request);
            }
            List<PostingRequest.LegSpec> ordered = inAccountOrder(request);
            return Flux.fromIterable(ordered)
                    .concatMap(this::apply)
                    .then(Mono.defer(check))
                    .thenMany(
                            Flux.fromIterable(request.legs()).concatMap(l -> repository.insertLeg(postingId, l.leg())))
                    .then(repository.findPosting(postingId))
                    .map(p -> new Posting.Result(p, false));
        });
    }

    private Mono<Void> apply(PostingRequest.LegSpec leg) {
        if (leg.account().pool()) {
            return Mono.empty();
        }
        if (leg.minutes() > 0) {
            return repository.credit(leg.account().id(), leg.minutes());
        }
        long minutes = -leg.minutes();
        return repository
                .debit(leg.account().id(), minutes)
                .flatMap(done -> done ? Mono.<Void>empty() : Mono.error(notCovered(minutes)));
    }

    private Mono<Posting.Result> replay(PostingRequest request) {
        return repository
                .findClaim(request.key())
                .flatMap(first -> first.fingerprint().equals(request.fingerprint())
                        ? repository.findPosting(first.postingId()).map(p -> new Posting.Result(p, true))
                        : Mono.error(keyReused()));
    }

    /** One request of a batch: its posting (new, or the first one of its key), or the problem that refused it. */
    record Outcome(Posting.Result result, ApiException refusal) {

        Outcome {
            if ((result == null) == (refusal == null)) {
                throw new IllegalArgumentException("An outcome is a posting or a refusal");
            }
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Posts many requests in a constant number of statements, with the outcome of each, in order, the same as
     * posting them one after the other with {@link #post} (and no rule check) would give: a new posting, the first
     * posting of its key (a replay, also of a key an earlier request of the batch posted), or a refusal
     * ({@code insufficient-balance} when a personal balance does not cover it, {@code duplicate} when its key was
     * used for a different posting). A refusal is an outcome, not an error: it leaves nothing behind, and the
     * requests after it go on, as they would in sequence.
     *
     * <p>The statements, three whatever the batch's size when every request is new and covered: claim every key of
     * the batch (one multi-row {@code insert … on conflict do nothing}, keys ascending); lock the personal accounts of
     * the requests whose keys it claimed (one {@code select … order by id for no key update}) and read their
     * balances; decide each request in order against those balances in memory; then one statement adds each
     * account's net change ({@code update … from unnest}) and writes every leg (a multi-row insert in posting order,
     * so statements show the running balance of the sequence). The postings the batch made are answered as
     * written; the postings of keys taken before the batch are read back (one query, only when there are any). A key claimed for a request that
     * was then refused is given up (one {@code delete}, only then), or, when a later request of the same key posted
     * instead, claimed again for that one (one more insert).
     *
     * <p>Locking: keys ascending, then accounts ascending, each set in one statement, so two batches, or a batch and
     * single postings, never wait for each other in a cycle, whatever accounts they share: in a transaction that
     * holds no other ledger locks. Pools are not locked, as in {@link #post}, so a community's pool is no hot row.
     * The balances are read under the locks, so what the batch decides holds until it commits; the update keeps the
     * non-negative condition and fails the whole batch if a row were to miss it.
     *
     * <p>A batch runs no rule check: it serves postings whose rules the caller checked or that have none
     * (redemptions, refunds, transfers between accounts the caller controls). A posting whose rule reads sums of the
     * locked accounts (the earning caps, the monthly gift limit) goes through {@link #post}, where the check sees
     * every earlier posting. Like {@link #post}, the batch runs under a savepoint inside a caller's transaction, so a
     * batch that fails (a lock or statement time-out) leaves nothing behind.
     */
    @Transactional(propagation = Propagation.NESTED)
    Mono<List<Outcome>> postBatch(List<PostingRequest> requests) {
        if (requests.isEmpty()) {
            return Mono.just(List.of());
        }
        // as PostgreSQL stores it, so the postings built here equal those read back later
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, LedgerRepository.Head> headOfKey = new HashMap<>();
        for (PostingRequest r : requests) {
            headOfKey.putIfAbsent(r.key(), new LedgerRepository.Head(UUID.randomUUID(), r));
        }
        List<LedgerRepository.Head> heads = headOfKey.values().stream()
                .sorted(Comparator.comparing(h -> h.request().key()))
                .toList();
        return repository.claimAll(heads, at).flatMap(claimed -> {
            Set<UUID> personal = new HashSet<>();
            for (PostingRequest r : requests) {
                if (claimed.contains(r.key())) {
                    r.legs().stream()
                            .filter(l -> !l.account().pool())
                            .forEach(l -> personal.add(l.account().id()));
                }
            }
            return repository.lockPersonal(personal).flatMap(balances -> {
                if (!balances.keySet().containsAll(personal)) {
                    return Mono.error(new IllegalStateException("A personal leg names no personal account"));
                }
                BatchPlan plan = BatchPlan.decide(requests, headOfKey, claimed, balances, at);
                return repository
                        .dropHeads(plan.givenUp())
                        .then(
                                plan.reclaimed().isEmpty()
                                        ? Mono.<Void>empty()
                                        : repository
                                                .claimAll(plan.reclaimed(), at)
                                                .flatMap(again -> again.size()
                                                                == plan.reclaimed()
                                                                        .size()
                                                        ? Mono.<Void>empty()
                                                        : Mono.error(new IllegalStateException(
                                                                "A batch lost a key it held"))))
                        .then(repository.write(plan.deltas(), plan.legPostings(), plan.legs()))
                        .then(
                                plan.earlierKeys().isEmpty()
                                        ? Mono.just(Map.<String, LedgerRepository.Stored>of())
                                        : repository.findByKeys(plan.earlierKeys()))
                        .map(plan::outcomes);
            });
        });
    }

    /** What a batch does, decided in memory in request order against the locked balances. */
    private record BatchPlan(
            List<PostingRequest> requests,
            ApiException[] refusals,
            boolean[] made,
            List<UUID> givenUp,
            List<LedgerRepository.Head> reclaimed,
            Map<UUID, Long> deltas,
            List<UUID> legPostings,
            List<Posting.Leg> legs,
            Map<String, LedgerRepository.Stored> madeHere,
            Set<String> earlierKeys) {

        static BatchPlan decide(
                List<PostingRequest> requests,
                Map<String, LedgerRepository.Head> headOfKey,
                Set<String> claimed,
                Map<UUID, Long> locked,
                Instant at) {
            Map<UUID, Long> balances = new HashMap<>(locked);
            Map<String, Integer> madeBy = new HashMap<>();
            Map<String, LedgerRepository.Stored> madeHere = new HashMap<>();
            Set<String> earlierKeys = new HashSet<>();
            ApiException[] refusals = new ApiException[requests.size()];
            boolean[] made = new boolean[requests.size()];
            List<UUID> legPostings = new ArrayList<>();
            List<Posting.Leg> legs = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                PostingRequest r = requests.get(i);
                if (!claimed.contains(r.key())) {
                    earlierKeys.add(r.key());
                    continue; // its key's posting is older than the batch: read it once the batch is written
                }
                if (madeBy.containsKey(r.key())) {
                    continue; // a replay or a reused key: told apart by the first posting's fingerprint
                }
                ApiException refusal = null;
                for (PostingRequest.LegSpec leg : inAccountOrder(r)) {
                    if (!leg.account().pool()
                            && leg.minutes() < 0
                            && balances.get(leg.account().id()) < -leg.minutes()) {
                        refusal = notCovered(-leg.minutes());
                        break;
                    }
                }
                if (refusal != null) {
                    refusals[i] = refusal;
                    continue;
                }
                made[i] = true;
                madeBy.put(r.key(), i);
                UUID postingId = headOfKey.get(r.key()).postingId();
                for (PostingRequest.LegSpec leg : r.legs()) {
                    if (!leg.account().pool()) {
                        balances.merge(leg.account().id(), leg.minutes(), Long::sum);
                    }
                    legPostings.add(postingId);
                    legs.add(leg.leg());
                }
                // what reading it back would give: the head as claimed, the legs in the order they are written
                madeHere.put(
                        r.key(),
                        new LedgerRepository.Stored(
                                r.fingerprint(),
                                new Posting(
                                        postingId,
                                        r.kind(),
                                        r.communityId(),
                                        at,
                                        r.valueDate(),
                                        r.memo(),
                                        r.legs().stream()
                                                .map(PostingRequest.LegSpec::leg)
                                                .toList())));
            }
            List<UUID> givenUp = new ArrayList<>();
            List<LedgerRepository.Head> reclaimed = new ArrayList<>();
            headOfKey.values().stream()
                    .filter(h -> claimed.contains(h.request().key()))
                    .sorted(Comparator.comparing(h -> h.request().key()))
                    .forEach(h -> {
                        Integer by = madeBy.get(h.request().key());
                        if (by == null || requests.get(by) != h.request()) {
                            givenUp.add(h.postingId());
                        }
                        if (by != null && requests.get(by) != h.request()) {
                            reclaimed.add(new LedgerRepository.Head(h.postingId(), requests.get(by)));
                        }
                    });
            Map<UUID, Long> deltas = new HashMap<>();
            balances.forEach((id, balance) -> {
                long change = balance - locked.get(id);
                if (change != 0) {
                    deltas.put(id, change);
                }
            });
            return new BatchPlan(
                    requests, refusals, made, givenUp, reclaimed, deltas, legPostings, legs, madeHere, earlierKeys);
        }

        List<Outcome> outcomes(Map<String, LedgerRepository.Stored> earlier) {
            List<Outcome> outcomes = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                PostingRequest r = requests.get(i);
                if (refusals[i] != null) {
                    outcomes.add(new Outcome(null, refusals[i]));
                    continue;
                }
                LedgerRepository.Stored first = madeHere.getOrDefault(r.key(), earlier.get(r.key()));
                if (first == null) {
                    throw new IllegalStateException("No posting holds a key of the batch");
                }
                outcomes.add(
                        made[i] || first.fingerprint().equals(r.fingerprint())
                                ? new Outcome(new Posting.Result(first.posting(), !made[i]), null)
                                : new Outcome(null, keyReused()));
            }
            return outcomes;
        }
    }

    private static List<PostingRequest.LegSpec> inAccountOrder(PostingRequest request) {
        return request.legs().stream()
                .sorted(Comparator.comparing(l -> l.account().id(), ACCOUNT_ORDER))
                .toList();
    }

    private static ApiException notCovered(long minutes) {
        return new ApiException(
                ProblemType.INSUFFICIENT_BALANCE,
                "The balance does not cover " + minutes + " minutes",
                List.of(FieldViolation.of("minutes", "balance", "the balance does not cover it")));
    }

    private static ApiException keyReused() {
        return new ApiException(
                ProblemType.DUPLICATE,
                "This idempotency key was used for a different posting",
                List.of(FieldViolation.of("idempotencyKey", "unique", "send a new key for a new request")));
    }
}
