package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
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
 * is the same statement as the check. The updates run in ascending account id, whatever is debited or credited,
 * so two postings over the same accounts wait for each other and never deadlock. The pools are never updated (their
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
 */
@Component
class Ledger {

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
            List<PostingRequest.LegSpec> ordered = request.legs().stream()
                    .sorted(Comparator.comparing(l -> l.account().id()))
                    .toList();
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
                .flatMap(done -> done
                        ? Mono.<Void>empty()
                        : Mono.error(new ApiException(
                                ProblemType.INSUFFICIENT_BALANCE,
                                "The balance does not cover " + minutes + " minutes",
                                List.of(FieldViolation.of("minutes", "balance", "the balance does not cover it")))));
    }

    private Mono<Posting.Result> replay(PostingRequest request) {
        return repository
                .findClaim(request.key())
                .flatMap(first -> first.fingerprint().equals(request.fingerprint())
                        ? repository.findPosting(first.postingId()).map(p -> new Posting.Result(p, true))
                        : Mono.error(new ApiException(
                                ProblemType.DUPLICATE,
                                "This idempotency key was used for a different posting",
                                List.of(FieldViolation.of(
                                        "idempotencyKey", "unique", "send a new key for a new request")))));
    }
}
