package cn.carecircle.api.timebank;

import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Accounts, postings and legs, with the SQL that keeps personal balances from going negative. */
@Repository
class LedgerRepository {

    // a pool's stored balance stays 0: its balance is the sum of its legs, so no posting ever writes its row
    private static final String ACCOUNT = """
            select a.id, a.kind, a.holder_type, a.holder_id,
                case when a.kind = 'POOL'
                    then (select coalesce(sum(l.minutes), 0)::bigint from timebank_leg l where l.account_id = a.id)
                    else a.balance end as balance
            from timebank_account a""";

    private final DatabaseClient db;

    LedgerRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The holder's account, opened on first use; concurrent first uses open one. */
    Mono<TimeBankAccount> open(TimeBankAccount.HolderType holderType, UUID holderId, Instant at) {
        TimeBankAccount.Kind kind = holderType == TimeBankAccount.HolderType.COMMUNITY
                ? TimeBankAccount.Kind.POOL
                : TimeBankAccount.Kind.PERSONAL;
        return db.sql("""
                        insert into timebank_account (id, kind, holder_type, holder_id, created_at)
                        values (:id, :kind, :type, :holder, :at)
                        on conflict (holder_type, holder_id) do nothing
                        """)
                .bind("id", UUID.randomUUID())
                .bind("kind", kind.name())
                .bind("type", holderType.name())
                .bind("holder", holderId)
                .bind("at", at)
                .then()
                .then(findByHolder(holderType, holderId));
    }

    Mono<TimeBankAccount> findByHolder(TimeBankAccount.HolderType holderType, UUID holderId) {
        return db.sql(ACCOUNT + " where a.holder_type = :type and a.holder_id = :holder")
                .bind("type", holderType.name())
                .bind("holder", holderId)
                .map(LedgerRepository::readAccount)
                .one();
    }

    Mono<TimeBankAccount> findById(UUID id) {
        return db.sql(ACCOUNT + " where a.id = :id")
                .bind("id", id)
                .map(LedgerRepository::readAccount)
                .one();
    }

    /**
     * Claims the idempotency key by inserting the posting's head. A concurrent transaction with the same key makes
     * this insert wait on the unique index until it ends; then it inserts nothing (the key is taken) or, if the
     * other rolled back, inserts. True when this call claimed the key.
     */
    Mono<Boolean> claim(PostingRequest r, UUID postingId, Instant at) {
        GenericExecuteSpec spec = db.sql("""
                        insert into timebank_posting (id, idempotency_key, fingerprint, kind, community_id,
                            initiated_by, reference_id, memo, value_date, posted_at)
                        values (:id, :key, :fingerprint, :kind, :community, :by, :ref, :memo, :valueDate, :at)
                        on conflict (idempotency_key) do nothing
                        """)
                .bind("id", postingId)
                .bind("key", r.key())
                .bind("fingerprint", r.fingerprint())
                .bind("kind", r.kind().name())
                .bind("community", r.communityId())
                .bind("valueDate", r.valueDate())
                .bind("at", at);
        spec = Sql.bindNullable(spec, "by", r.initiatedBy(), UUID.class);
        spec = Sql.bindNullable(spec, "ref", r.referenceId(), UUID.class);
        spec = Sql.bindNullable(spec, "memo", r.memo(), String.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    /** The key's posting head: its id and what it moved. */
    Mono<Claimed> findClaim(String key) {
        return db.sql("select id, fingerprint from timebank_posting where idempotency_key = :key")
                .bind("key", key)
                .map(row -> new Claimed(row.get("id", UUID.class), row.get("fingerprint", String.class)))
                .one();
    }

    record Claimed(UUID postingId, String fingerprint) {}

    /**
     * Takes minutes off a personal balance only if it covers them. One statement reads, checks and writes under the
     * row lock it takes, so two concurrent debits cannot both spend the same minutes: the second waits for the
     * first to commit, re-reads the new balance, and updates no row when it no longer covers. False then.
     */
    Mono<Boolean> debit(UUID accountId, long minutes) {
        return db.sql("""
                        update timebank_account set balance = balance - :m
                        where id = :id and kind = 'PERSONAL' and balance >= :m
                        """)
                .bind("m", minutes)
                .bind("id", accountId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Void> credit(UUID accountId, long minutes) {
        return db.sql("update timebank_account set balance = balance + :m where id = :id and kind = 'PERSONAL'")
                .bind("m", minutes)
                .bind("id", accountId)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("No personal account " + accountId)));
    }

    Mono<Void> insertLeg(UUID postingId, Posting.Leg leg) {
        return db.sql("insert into timebank_leg (posting_id, account_id, minutes) values (:p, :a, :m)")
                .bind("p", postingId)
                .bind("a", leg.accountId())
                .bind("m", leg.minutes())
                .then();
    }

    Mono<Posting> findPosting(UUID id) {
        Flux<Posting.Leg> legs = db.sql(
                        "select account_id, minutes from timebank_leg where posting_id = :p order by seq")
                .bind("p", id)
                .map(row -> new Posting.Leg(row.get("account_id", UUID.class), row.get("minutes", Long.class)))
                .all();
        return legs.collectList()
                .flatMap(l -> db.sql("""
                                select id, kind, community_id, posted_at, value_date, memo
                                from timebank_posting where id = :id
                                """)
                        .bind("id", id)
                        .map(row -> new Posting(
                                row.get("id", UUID.class),
                                Posting.Kind.valueOf(row.get("kind", String.class)),
                                row.get("community_id", UUID.class),
                                row.get("posted_at", Instant.class),
                                row.get("value_date", LocalDate.class),
                                row.get("memo", String.class),
                                l))
                        .one());
    }

    /** A posting's head to claim in a batch: the id its posting gets and the request it is claimed for. */
    record Head(UUID postingId, PostingRequest request) {}

    /**
     * Claims many idempotency keys in one statement, inserting the heads in the order given (the batch sorts them by
     * key, so two batches over the same keys wait for each other in one order). As with {@link #claim}, a key held by
     * a concurrent transaction makes the insert wait until that one ends. The keys this call claimed.
     */
    Mono<Set<String>> claimAll(List<Head> heads, Instant at) {
        int n = heads.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] fingerprints = new String[n];
        String[] kinds = new String[n];
        UUID[] communities = new UUID[n];
        UUID[] initiators = new UUID[n];
        UUID[] references = new UUID[n];
        String[] memos = new String[n];
        LocalDate[] valueDates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            PostingRequest r = heads.get(i).request();
            ids[i] = heads.get(i).postingId();
            keys[i] = r.key();
            fingerprints[i] = r.fingerprint();
            kinds[i] = r.kind().name();
            communities[i] = r.communityId();
            initiators[i] = r.initiatedBy();
            references[i] = r.referenceId();
            memos[i] = r.memo();
            valueDates[i] = r.valueDate();
        }
        return db.sql("""
                        insert into timebank_posting (id, idempotency_key, fingerprint, kind, community_id,
                            initiated_by, reference_id, memo, value_date, posted_at)
                        select h.id, h.key, h.fingerprint, h.kind, h.community, h.by, h.ref, h.memo, h.value_date, :at
                        from unnest(:ids::uuid[], :keys::varchar[], :fingerprints::varchar[], :kinds::varchar[],
                            :communities::uuid[], :initiators::uuid[], :references::uuid[], :memos::varchar[],
                            :valueDates::date[])
                            with ordinality as h(id, key, fingerprint, kind, community, by, ref, memo, value_date, ord)
                        order by h.ord
                        on conflict (idempotency_key) do nothing
                        returning idempotency_key
                        """)
                .bind("ids", ids)
                .bind("keys", keys)
                .bind("fingerprints", fingerprints)
                .bind("kinds", kinds)
                .bind("communities", communities)
                .bind("initiators", initiators)
                .bind("references", references)
                .bind("memos", memos)
                .bind("valueDates", valueDates)
                .bind("at", at)
                .map(row -> row.get("idempotency_key", String.class))
                .all()
                .collect(Collectors.toSet());
    }

    /** Removes heads claimed in this transaction whose postings were refused. */
    Mono<Void> dropHeads(List<UUID> postingIds) {
        if (postingIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("delete from timebank_posting where id = any(:ids::uuid[])")
                .bind("ids", postingIds.toArray(UUID[]::new))
                .then();
    }

    /**
     * Locks personal accounts in ascending id (PostgreSQL's order of uuids, {@link Ledger#ACCOUNT_ORDER}), in the
     * mode an {@code update} takes, and reads their balances as committed when each lock was granted. Ids that are
     * not personal accounts are missing from the answer.
     */
    Mono<Map<UUID, Long>> lockPersonal(Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        select id, balance from timebank_account
                        where id = any(:ids::uuid[]) and kind = 'PERSONAL'
                        order by id
                        for no key update
                        """)
                .bind("ids", accountIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("balance", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Adds each net change to its personal balance and inserts the legs, in one statement. The caller holds the
     * rows locked and has checked that no balance goes negative; the condition stays as the last guard, and a row it
     * leaves unchanged fails the batch. The legs go in in the order given, so their sequence numbers follow the
     * order the postings were made in.
     */
    Mono<Void> write(Map<UUID, Long> deltas, List<UUID> legPostings, List<Posting.Leg> legs) {
        if (deltas.isEmpty() && legs.isEmpty()) {
            return Mono.empty();
        }
        UUID[] ids = deltas.keySet().toArray(UUID[]::new);
        Long[] changes = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            changes[i] = deltas.get(ids[i]);
        }
        UUID[] accountIds = new UUID[legs.size()];
        Long[] minutes = new Long[legs.size()];
        for (int i = 0; i < legs.size(); i++) {
            accountIds[i] = legs.get(i).accountId();
            minutes[i] = legs.get(i).minutes();
        }
        // a data-modifying CTE runs to completion whether or not the query reads it
        return db.sql("""
                        with changed as (
                            update timebank_account a set balance = a.balance + d.minutes
                            from unnest(:ids::uuid[], :changes::bigint[]) as d(id, minutes)
                            where a.id = d.id and a.kind = 'PERSONAL' and a.balance + d.minutes >= 0
                            returning a.id),
                        written as (
                            insert into timebank_leg (posting_id, account_id, minutes)
                            select l.posting_id, l.account_id, l.minutes
                            from unnest(:postings::uuid[], :accounts::uuid[], :minutes::bigint[])
                                with ordinality as l(posting_id, account_id, minutes, ord)
                            order by l.ord
                            returning 1)
                        select (select count(*) from changed) as changed
                        """)
                .bind("ids", ids)
                .bind("changes", changes)
                .bind("postings", legPostings.toArray(UUID[]::new))
                .bind("accounts", accountIds)
                .bind("minutes", minutes)
                .map(row -> row.get("changed", Long.class))
                .one()
                .flatMap(n -> n == ids.length
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException(
                                "A batch changed " + n + " of " + ids.length + " personal balances")));
    }

    /** A posting as stored, with the fingerprint of what it moved. */
    record Stored(String fingerprint, Posting posting) {}

    /** The postings of these keys, with their legs, in one query. */
    Mono<Map<String, Stored>> findByKeys(Collection<String> keys) {
        return db.sql("""
                        select p.id, p.idempotency_key, p.fingerprint, p.kind, p.community_id, p.posted_at,
                            p.value_date, p.memo, l.account_id, l.minutes
                        from timebank_posting p join timebank_leg l on l.posting_id = p.id
                        where p.idempotency_key = any(:keys::varchar[])
                        order by l.seq
                        """)
                .bind("keys", keys.toArray(String[]::new))
                .map(row -> new KeyedLeg(
                        row.get("idempotency_key", String.class),
                        row.get("fingerprint", String.class),
                        new Posting(
                                row.get("id", UUID.class),
                                Posting.Kind.valueOf(row.get("kind", String.class)),
                                row.get("community_id", UUID.class),
                                row.get("posted_at", Instant.class),
                                row.get("value_date", LocalDate.class),
                                row.get("memo", String.class),
                                List.of()),
                        new Posting.Leg(row.get("account_id", UUID.class), row.get("minutes", Long.class))))
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, KeyedLeg> heads = new LinkedHashMap<>();
                    Map<String, List<Posting.Leg>> legs = new HashMap<>();
                    for (KeyedLeg r : rows) {
                        heads.putIfAbsent(r.key(), r);
                        legs.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.leg());
                    }
                    Map<String, Stored> byKey = new HashMap<>();
                    heads.forEach((key, r) -> {
                        Posting p = r.head();
                        byKey.put(
                                key,
                                new Stored(
                                        r.fingerprint(),
                                        new Posting(
                                                p.id(),
                                                p.kind(),
                                                p.communityId(),
                                                p.postedAt(),
                                                p.valueDate(),
                                                p.memo(),
                                                legs.get(key))));
                    });
                    return byKey;
                });
    }

    private record KeyedLeg(String key, String fingerprint, Posting head, Posting.Leg leg) {}

    /** Minutes a kind of posting moved into (credits) or out of (debits, as a positive number) an account. */
    Mono<Long> moved(UUID accountId, Posting.Kind kind, boolean credits, LocalDate from, LocalDate until) {
        return db.sql("""
                        select coalesce(sum(abs(l.minutes)), 0)::bigint as n
                        from timebank_leg l join timebank_posting p on p.id = l.posting_id
                        where l.account_id = :a and p.kind = :kind and (l.minutes > 0) = :credits
                            and p.value_date >= :from and p.value_date < :until
                        """)
                .bind("a", accountId)
                .bind("kind", kind.name())
                .bind("credits", credits)
                .bind("from", from)
                .bind("until", until)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** An account's legs, newest first, with the running balance in the order they were written. */
    Mono<Page<StatementLine>> statement(UUID accountId, PageRequest page) {
        Mono<Long> total = db.sql("select count(*) as n from timebank_leg where account_id = :a")
                .bind("a", accountId)
                .map(row -> row.get("n", Long.class))
                .one();
        Mono<java.util.List<StatementLine>> items = db.sql("""
                        select s.posting_id, s.kind, s.posted_at, s.minutes, s.balance_after, s.memo from (
                            select l.seq, l.posting_id, p.kind, p.posted_at, l.minutes, p.memo,
                                sum(l.minutes) over (order by l.seq)::bigint as balance_after
                            from timebank_leg l join timebank_posting p on p.id = l.posting_id
                            where l.account_id = :a) s
                        order by s.seq desc limit :limit offset :offset
                        """)
                .bind("a", accountId)
                .bind("limit", page.size())
                .bind("offset", page.offset())
                .map(row -> new StatementLine(
                        row.get("posting_id", UUID.class),
                        Posting.Kind.valueOf(row.get("kind", String.class)),
                        row.get("posted_at", Instant.class),
                        row.get("minutes", Long.class),
                        row.get("balance_after", Long.class),
                        row.get("memo", String.class)))
                .all()
                .collectList();
        return total.zipWith(items, (n, list) -> new Page<>(list, page.page(), page.size(), n));
    }

    /**
     * A pool's issued and redeemed minutes in [from, until), redeemed net of the refunds of cancelled orders, and
     * what people held at {@code until}.
     */
    Mono<long[]> poolFigures(UUID poolId, Instant from, Instant until) {
        return db.sql("""
                        select
                            coalesce(sum(-l.minutes) filter (where p.kind = 'ISSUE' and p.posted_at >= :from), 0)::bigint
                                as issued,
                            coalesce(sum(l.minutes) filter (
                                where p.kind in ('REDEEM', 'REFUND') and p.posted_at >= :from), 0)::bigint
                                as redeemed,
                            coalesce(-sum(l.minutes), 0)::bigint as outstanding
                        from timebank_leg l join timebank_posting p on p.id = l.posting_id
                        where l.account_id = :pool and p.posted_at < :until
                        """)
                .bind("pool", poolId)
                .bind("from", from)
                .bind("until", until)
                .map(row -> new long[] {
                    row.get("issued", Long.class), row.get("redeemed", Long.class), row.get("outstanding", Long.class)
                })
                .one();
    }

    private static TimeBankAccount readAccount(Readable row) {
        return new TimeBankAccount(
                row.get("id", UUID.class),
                TimeBankAccount.Kind.valueOf(row.get("kind", String.class)),
                TimeBankAccount.HolderType.valueOf(row.get("holder_type", String.class)),
                row.get("holder_id", UUID.class),
                row.get("balance", Long.class));
    }
}
