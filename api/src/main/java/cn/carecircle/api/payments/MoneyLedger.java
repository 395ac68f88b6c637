package cn.carecircle.api.payments;

import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The double-entry core of payments, in fen, on the time bank's design (see the time bank's {@code Ledger}): one
 * posting in one transaction or nothing; the head claims the idempotency key first, so a replay (or a concurrent
 * twin, which waits on the unique index) moves nothing; stored balances change by conditional updates in
 * ascending account id, so no debit overdraws and two postings over the same accounts never deadlock; issuers'
 * rows (subsidy fund, external) are never written.
 */
@Component
class MoneyLedger {

    private final MoneyLedgerRepository repository;
    private final Clock clock;

    MoneyLedger(MoneyLedgerRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    Mono<MoneyAccount> account(MoneyAccount.Kind kind, UUID holderId, UUID communityId) {
        return repository.open(kind, holderId, communityId, clock.instant());
    }

    /** Posts it; true when this call posted, false when its key had posted it already (a replay). */
    @Transactional
    Mono<Boolean> post(MoneyPosting posting) {
        UUID postingId = UUID.randomUUID();
        return repository.claim(posting, postingId, clock.instant()).flatMap(claimed -> {
            if (!claimed) {
                return repository
                        .fingerprintOf(posting.key())
                        .flatMap(first -> first.equals(posting.fingerprint())
                                ? Mono.just(false)
                                : Mono.error(new IllegalStateException(
                                        "Idempotency key " + posting.key() + " was used for another posting")));
            }
            return Flux.fromIterable(posting.legs())
                    .sort(Comparator.comparing(l -> l.account().id()))
                    .concatMap(this::apply)
                    .thenMany(Flux.fromIterable(posting.legs())
                            .concatMap(l ->
                                    repository.insertLeg(postingId, l.account().id(), l.fen())))
                    .then(Mono.just(true));
        });
    }

    private Mono<Void> apply(MoneyPosting.Leg leg) {
        if (leg.account().kind().issuer()) {
            return Mono.empty();
        }
        if (leg.fen() > 0) {
            return repository.credit(leg.account().id(), leg.fen());
        }
        return repository
                .debit(leg.account().id(), -leg.fen())
                .flatMap(done -> done
                        ? Mono.<Void>empty()
                        // escrow only pays out what an order put in: a shortfall is a bug, never a user's error
                        : Mono.error(new IllegalStateException(
                                "Account " + leg.account().id() + " does not cover " + -leg.fen() + " fen")));
    }
}
