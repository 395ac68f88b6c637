package cn.carecircle.api.payments;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Money accounts, postings and legs, with the SQL that keeps stored balances from going negative. */
@Repository
class MoneyLedgerRepository {

    private final DatabaseClient db;

    MoneyLedgerRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The holder's account of this kind, opened on first use; concurrent first uses open one. */
    Mono<MoneyAccount> open(MoneyAccount.Kind kind, UUID holderId, UUID communityId, Instant at) {
        return db.sql("""
                        insert into money_account (id, kind, holder_id, community_id, created_at)
                        values (:id, :kind, :holder, :community, :at)
                        on conflict (kind, holder_id) do nothing
                        """)
                .bind("id", UUID.randomUUID())
                .bind("kind", kind.name())
                .bind("holder", holderId)
                .bind("community", communityId)
                .bind("at", at)
                .then()
                .then(db.sql("select id, kind, holder_id, community_id from money_account"
                                + " where kind = :kind and holder_id = :holder")
                        .bind("kind", kind.name())
                        .bind("holder", holderId)
                        .map(MoneyLedgerRepository::readAccount)
                        .one());
    }

    /**
     * Claims the idempotency key by inserting the posting's head; a concurrent twin waits on the unique index until
     * this transaction ends. True when this call claimed the key.
     */
    Mono<Boolean> claim(MoneyPosting p, UUID postingId, Instant at) {
        return db.sql("""
                        insert into money_posting (id, idempotency_key, fingerprint, kind, community_id, order_id,
                            posted_at)
                        values (:id, :key, :fingerprint, :kind, :community, :order, :at)
                        on conflict (idempotency_key) do nothing
                        """)
                .bind("id", postingId)
                .bind("key", p.key())
                .bind("fingerprint", p.fingerprint())
                .bind("kind", p.kind().name())
                .bind("community", p.communityId())
                .bind("order", p.orderId())
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<String> fingerprintOf(String key) {
        return db.sql("select fingerprint from money_posting where idempotency_key = :key")
                .bind("key", key)
                .map(row -> row.get("fingerprint", String.class))
                .one();
    }

    /**
     * Takes fen off a stored balance only if it covers them: one statement reads, checks and writes under the row
     * lock it takes, so two concurrent debits cannot both spend the same fen. False when it does not cover.
     */
    Mono<Boolean> debit(UUID accountId, long fen) {
        return db.sql("update money_account set balance = balance - :f where id = :id and balance >= :f")
                .bind("f", fen)
                .bind("id", accountId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Void> credit(UUID accountId, long fen) {
        return db.sql("update money_account set balance = balance + :f where id = :id")
                .bind("f", fen)
                .bind("id", accountId)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("No money account " + accountId)));
    }

    Mono<Void> insertLeg(UUID postingId, UUID accountId, long fen) {
        return db.sql("insert into money_leg (posting_id, account_id, amount_fen) values (:p, :a, :f)")
                .bind("p", postingId)
                .bind("a", accountId)
                .bind("f", fen)
                .then();
    }

    private static MoneyAccount readAccount(Readable row) {
        return new MoneyAccount(
                row.get("id", UUID.class),
                MoneyAccount.Kind.valueOf(row.get("kind", String.class)),
                row.get("holder_id", UUID.class),
                row.get("community_id", UUID.class));
    }
}
