package cn.carecircle.api.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Ledger#postBatch} against the real ledger: each request of a batch ends as posting it alone in the same
 * order would (new, replay, refused), the books stay balanced, and concurrent batches over shared accounts and keys
 * neither deadlock nor lose an update.
 */
class LedgerBatchTest extends IntegrationTest {

    private static final int OPERATIONS = 60;
    private static final int PEOPLE = 5;
    private static final long FRESH_SEED = System.nanoTime();
    private static final int RACE_ROUNDS = Integer.getInteger("carecircle.race.rounds", 3);

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerRepository accounts;

    @Autowired
    DatabaseClient db;

    /** A fixed list and one fresh seed per run; {@code -Dcarecircle.ledger.seeds=N} adds N more. */
    static Stream<Long> seeds() {
        SplittableRandom more = new SplittableRandom(FRESH_SEED);
        return Stream.of(
                        LongStream.of(1, 2, 3, 5, 8, 13).boxed(),
                        Stream.of(FRESH_SEED),
                        LongStream.range(0, Integer.getInteger("carecircle.ledger.seeds", 0))
                                .mapToObj(i -> more.nextLong()))
                .flatMap(s -> s);
    }

    @Test
    void aBatchPostsWhatIsCoveredRefusesWhatIsNotAndGoesOn() {
        World w = world("example");
        TimeBankAccount a = w.people.get(0);
        TimeBankAccount b = w.people.get(1);
        List<Ledger.Outcome> outcomes = ledger.postBatch(List.of(
                        transfer(w.key(1), Posting.Kind.ISSUE, w, w.pool, a, 50),
                        transfer(w.key(2), Posting.Kind.GIFT, w, a, b, 80),
                        transfer(w.key(3), Posting.Kind.GIFT, w, a, b, 30),
                        transfer(w.key(4), Posting.Kind.REDEEM, w, b, w.pool, 31),
                        transfer(w.key(5), Posting.Kind.REDEEM, w, b, w.pool, 30)))
                .block();

        assertThat(outcomes).extracting(Ledger.Outcome::refused).containsExactly(false, true, false, true, false);
        assertThat(outcomes.get(1).refusal().type()).isEqualTo(ProblemType.INSUFFICIENT_BALANCE);
        assertThat(outcomes.get(1).refusal().getMessage()).contains("80 minutes");
        assertThat(outcomes.get(3).refusal().type()).isEqualTo(ProblemType.INSUFFICIENT_BALANCE);
        assertThat(balance(a)).isEqualTo(20);
        assertThat(balance(b)).isZero();
        assertThat(balance(w.pool)).isEqualTo(-20);
        // the refused requests left nothing, not even their keys: the same keys post once they are covered
        assertThat(keyTaken(w.key(2))).isFalse();
        List<Ledger.Outcome> later = ledger.postBatch(List.of(
                        transfer(w.key(6), Posting.Kind.ISSUE, w, w.pool, a, 100),
                        transfer(w.key(2), Posting.Kind.GIFT, w, a, b, 80)))
                .block();
        assertThat(later).extracting(Ledger.Outcome::refused).containsExactly(false, false);
        assertThat(later.get(1).result().replay()).isFalse();
        assertThat(balance(a)).isEqualTo(40);
        assertThat(balance(b)).isEqualTo(80);
        assertBalanced(w);
    }

    @Test
    void replaysInAndBeforeABatchReturnTheFirstPostingAndChangeNothing() {
        World w = world("replays");
        TimeBankAccount a = w.people.get(0);
        TimeBankAccount b = w.people.get(1);
        PostingRequest earlier = transfer(w.key(1), Posting.Kind.ISSUE, w, w.pool, a, 100);
        Posting first = ledger.post(earlier, Mono::empty).block().posting();
        PostingRequest gift = transfer(w.key(2), Posting.Kind.GIFT, w, a, b, 40);
        List<Ledger.Outcome> outcomes = ledger.postBatch(List.of(
                        earlier,
                        gift,
                        transfer(w.key(2), Posting.Kind.GIFT, w, a, b, 40),
                        transfer(w.key(2), Posting.Kind.GIFT, w, a, b, 41),
                        transfer(w.key(1), Posting.Kind.ISSUE, w, w.pool, a, 99)))
                .block();

        assertThat(outcomes.get(0).result().replay()).isTrue();
        assertThat(outcomes.get(0).result().posting()).isEqualTo(first);
        assertThat(outcomes.get(1).result().replay()).isFalse();
        assertThat(outcomes.get(2).result().replay()).isTrue();
        assertThat(outcomes.get(2).result().posting())
                .isEqualTo(outcomes.get(1).result().posting());
        assertThat(outcomes.get(3).refusal().type()).isEqualTo(ProblemType.DUPLICATE);
        assertThat(outcomes.get(4).refusal().type()).isEqualTo(ProblemType.DUPLICATE);
        assertThat(balance(a)).isEqualTo(60);
        assertThat(balance(b)).isEqualTo(40);

        List<Ledger.Outcome> again = ledger.postBatch(List.of(gift, earlier)).block();
        assertThat(again).allSatisfy(o -> assertThat(o.result().replay()).isTrue());
        assertThat(again.get(0).result().posting())
                .isEqualTo(outcomes.get(1).result().posting());
        assertThat(balance(a)).isEqualTo(60);
        assertThat(balance(b)).isEqualTo(40);
        // the single path sees the batch's postings as its own
        assertThat(ledger.post(gift, Mono::empty).block().posting())
                .isEqualTo(outcomes.get(1).result().posting());
        assertBalanced(w);
    }

    @Test
    void aKeyWhoseFirstRequestIsRefusedGoesToTheNextRequestThatPosts() {
        World w = world("twins");
        TimeBankAccount a = w.people.get(0);
        TimeBankAccount b = w.people.get(1);
        List<Ledger.Outcome> outcomes = ledger.postBatch(List.of(
                        transfer(w.key(1), Posting.Kind.GIFT, w, a, b, 10),
                        transfer(w.key(2), Posting.Kind.ISSUE, w, w.pool, a, 25),
                        transfer(w.key(1), Posting.Kind.GIFT, w, a, b, 20),
                        transfer(w.key(1), Posting.Kind.GIFT, w, a, b, 10)))
                .block();

        assertThat(outcomes.get(0).refusal().type()).isEqualTo(ProblemType.INSUFFICIENT_BALANCE);
        assertThat(outcomes.get(2).result().replay()).isFalse();
        assertThat(outcomes.get(2).result().posting().legs())
                .extracting(Posting.Leg::minutes)
                .contains(-20L, 20L);
        assertThat(outcomes.get(3).refusal().type()).isEqualTo(ProblemType.DUPLICATE);
        assertThat(balance(a)).isEqualTo(5);
        assertThat(balance(b)).isEqualTo(20);
        assertThat(ledger.post(transfer(w.key(1), Posting.Kind.GIFT, w, a, b, 20), Mono::empty)
                        .block()
                        .posting())
                .isEqualTo(outcomes.get(2).result().posting());
        assertBalanced(w);
    }

    /**
     * The same random requests posted one by one in one world and in random batches in a mirror world: every
     * request ends the same (new, a replay of the same posting, or refused for the same reason), the balances agree
     * after every batch, and the books stay balanced.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void batchesEndAsPostingOneByOne(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String context = "seed " + seed + " (fresh seed this run: " + FRESH_SEED + ")";
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            int roll = random.nextInt(20);
            if (roll < 3 && !ops.isEmpty()) {
                ops.add(ops.get(random.nextInt(ops.size()))); // a replay of an earlier request, refused or not
            } else if (roll < 4 && !ops.isEmpty()) {
                Op reused = ops.get(random.nextInt(ops.size())); // its key, for something else
                ops.add(new Op(reused.key(), reused.kind(), reused.from(), reused.to(), reused.minutes() + 1));
            } else {
                int a = random.nextInt(PEOPLE);
                int b = (a + 1 + random.nextInt(PEOPLE - 1)) % PEOPLE;
                long minutes = 1 + random.nextInt(60);
                ops.add(
                        roll < 10
                                ? new Op(i, Posting.Kind.ISSUE, -1, a, minutes)
                                : roll < 17
                                        ? new Op(i, Posting.Kind.GIFT, a, b, minutes)
                                        : new Op(i, Posting.Kind.REDEEM, a, -1, minutes));
            }
        }

        World one = world("one-" + seed);
        List<String> sequential = new ArrayList<>();
        List<long[]> balancesAfter = new ArrayList<>();
        Map<UUID, Integer> originOne = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            int at = i;
            String ended = ledger.post(ops.get(i).in(one), Mono::empty)
                    .map(r -> describe(r, at, originOne))
                    .onErrorResume(ApiException.class, e -> Mono.just("refused " + e.type()))
                    .block();
            sequential.add(ended);
            balancesAfter.add(balances(one));
        }

        World batched = world("batched-" + seed);
        Map<UUID, Integer> originBatched = new HashMap<>();
        List<String> trace = new ArrayList<>();
        int done = 0;
        while (done < ops.size()) {
            int size = Math.min(ops.size() - done, 1 + random.nextInt(25));
            List<PostingRequest> batch = ops.subList(done, done + size).stream()
                    .map(op -> op.in(batched))
                    .toList();
            List<Ledger.Outcome> outcomes = ledger.postBatch(batch).block();
            trace.add("batch of " + size);
            for (int i = 0; i < size; i++) {
                Ledger.Outcome o = outcomes.get(i);
                String ended =
                        o.refused() ? "refused " + o.refusal().type() : describe(o.result(), done + i, originBatched);
                assertThat(ended)
                        .as(context + ", request " + (done + i) + " " + ops.get(done + i) + " after " + trace)
                        .isEqualTo(sequential.get(done + i));
            }
            done += size;
            assertThat(balances(batched))
                    .as(context + ": balances after " + trace)
                    .containsExactly(balancesAfter.get(done - 1));
            assertBalanced(batched);
        }
    }

    /**
     * Batches and single postings at once over the same few accounts, some sharing keys: all finish (a deadlock or a
     * lock time-out would fail one), every balance is the sum of its legs and of what the outcomes say was posted,
     * none is negative, each shared key posted once.
     */
    @Test
    void concurrentBatchesOverSharedAccountsNeitherDeadlockNorLoseUpdates() {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            World w = world("race-" + round);
            long funded = 200;
            for (TimeBankAccount p : w.people) {
                ledger.post(
                                transfer(UUID.randomUUID().toString(), Posting.Kind.ISSUE, w, w.pool, p, funded),
                                Mono::empty)
                        .block();
            }
            long seed = FRESH_SEED + round;
            String context = "round " + round + ", seed " + seed;
            SplittableRandom random = new SplittableRandom(seed);
            List<List<PostingRequest>> batches = new ArrayList<>();
            for (int b = 0; b < 12; b++) {
                List<PostingRequest> batch = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    batch.add(randomRequest(w, random));
                }
                batches.add(batch);
            }
            List<PostingRequest> singles = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                singles.add(randomRequest(w, random));
            }
            ConcurrentLinkedQueue<Posting.Result> made = new ConcurrentLinkedQueue<>();
            Flux<Void> batchRuns = Flux.fromIterable(batches)
                    .flatMap(
                            batch -> ledger.postBatch(batch)
                                    .doOnNext(outcomes -> outcomes.stream()
                                            .filter(o -> !o.refused())
                                            .forEach(o -> made.add(o.result())))
                                    .then(),
                            4);
            Flux<Void> singleRuns = Flux.fromIterable(singles)
                    .concatMap(r -> ledger.post(r, Mono::empty)
                            .doOnNext(made::add)
                            .onErrorResume(
                                    e -> e instanceof ApiException a
                                            && (a.type() == ProblemType.INSUFFICIENT_BALANCE
                                                    || a.type() == ProblemType.DUPLICATE),
                                    e -> Mono.empty())
                            .then());
            Flux.merge(batchRuns, singleRuns).blockLast(Duration.ofMinutes(2));

            Map<UUID, Long> expected = new HashMap<>();
            w.people.forEach(p -> expected.put(p.id(), funded));
            Map<UUID, String> keyOfPosting = keysOfPostings(w);
            Map<String, UUID> postingOfKey = new HashMap<>();
            for (Posting.Result r : made) {
                UUID first = postingOfKey.putIfAbsent(
                        keyOfPosting.get(r.posting().id()), r.posting().id());
                assertThat(first == null || first.equals(r.posting().id()))
                        .as(context + ": one posting per key")
                        .isTrue();
                if (!r.replay()) {
                    r.posting()
                            .legs()
                            .forEach(l -> expected.computeIfPresent(l.accountId(), (id, m) -> m + l.minutes()));
                }
            }
            for (TimeBankAccount p : w.people) {
                assertThat(balance(p)).as(context).isNotNegative().isEqualTo(expected.get(p.id()));
            }
            assertThat(made.stream().filter(r -> !r.replay()).count())
                    .as(context + ": each posting made once")
                    .isEqualTo(
                            made.stream().map(r -> r.posting().id()).distinct().count());
            assertBalanced(w);
        }
    }

    @Test
    void aBatchThatFailsLeavesNothingBehind() {
        World w = world("failed");
        TimeBankAccount a = w.people.get(0);
        TimeBankAccount missing = new TimeBankAccount(
                UUID.randomUUID(),
                TimeBankAccount.Kind.PERSONAL,
                TimeBankAccount.HolderType.ACCOUNT,
                UUID.randomUUID(),
                0);
        List<PostingRequest> batch = List.of(
                transfer(w.key(1), Posting.Kind.ISSUE, w, w.pool, a, 50),
                transfer(w.key(2), Posting.Kind.ISSUE, w, w.pool, missing, 50));

        assertThatThrownBy(() -> ledger.postBatch(batch).block()).isInstanceOf(IllegalStateException.class);
        assertThat(keyTaken(w.key(1))).isFalse();
        assertThat(balance(a)).isZero();
        assertBalanced(w);
    }

    @Test
    void singlePostingsAndBatchesOrderAccountsAsPostgreSqlDoes() {
        List<UUID> ids = Stream.generate(UUID::randomUUID).limit(500).toList();
        List<UUID> byDatabase = db.sql("select u from unnest(:ids::uuid[]) as u order by u")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("u", UUID.class))
                .all()
                .collectList()
                .block();
        assertThat(ids.stream().sorted(Ledger.ACCOUNT_ORDER).toList()).isEqualTo(byDatabase);
    }

    /** Gifts, redemptions and issuances over the world's people; a third of them on one of ten shared keys. */
    private static PostingRequest randomRequest(World w, SplittableRandom random) {
        int a = random.nextInt(PEOPLE);
        int b = (a + 1 + random.nextInt(PEOPLE - 1)) % PEOPLE;
        long minutes = 1 + random.nextInt(40);
        if (random.nextInt(3) == 0) {
            int shared = random.nextInt(10);
            // a shared key always asks for the same thing, so whoever comes second replays it
            return transfer(
                    w.key(shared),
                    Posting.Kind.GIFT,
                    w,
                    w.people.get(shared % PEOPLE),
                    w.people.get((shared + 1) % PEOPLE),
                    5);
        }
        String key = UUID.randomUUID().toString();
        return switch (random.nextInt(3)) {
            case 0 -> transfer(key, Posting.Kind.ISSUE, w, w.pool, w.people.get(a), minutes);
            case 1 -> transfer(key, Posting.Kind.GIFT, w, w.people.get(a), w.people.get(b), minutes);
            default -> transfer(key, Posting.Kind.REDEEM, w, w.people.get(a), w.pool, minutes);
        };
    }

    /** A request in terms of people's indexes (-1: the pool), to be posted in a world. */
    private record Op(int key, Posting.Kind kind, int from, int to, long minutes) {
        PostingRequest in(World w) {
            return transfer(
                    w.key(key),
                    kind,
                    w,
                    from < 0 ? w.pool : w.people.get(from),
                    to < 0 ? w.pool : w.people.get(to),
                    minutes);
        }
    }

    /** A community's pool and people, with keys of its own. */
    private record World(String prefix, UUID community, TimeBankAccount pool, List<TimeBankAccount> people) {
        String key(int n) {
            return prefix + ":" + n;
        }
    }

    private World world(String name) {
        UUID community = fixtures.community();
        TimeBankAccount pool = accounts.open(TimeBankAccount.HolderType.COMMUNITY, community, clock.instant())
                .block();
        List<TimeBankAccount> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(accounts.open(
                            i % 2 == 0 ? TimeBankAccount.HolderType.ACCOUNT : TimeBankAccount.HolderType.ELDER,
                            UUID.randomUUID(),
                            clock.instant())
                    .block());
        }
        return new World("batch:" + name + ":" + UUID.randomUUID(), community, pool, people);
    }

    /** The same ending in either world: new or a replay of the posting first made by request n, legs' minutes. */
    private static String describe(Posting.Result r, int at, Map<UUID, Integer> origin) {
        if (!r.replay()) {
            origin.put(r.posting().id(), at);
        }
        return (r.replay() ? "replay of " : "new ")
                + origin.get(r.posting().id())
                + " "
                + r.posting().kind()
                + " "
                + r.posting().legs().stream().map(Posting.Leg::minutes).toList();
    }

    private long[] balances(World w) {
        return w.people.stream().mapToLong(this::balance).toArray();
    }

    private long balance(TimeBankAccount account) {
        return accounts.findById(account.id()).block().balance();
    }

    private boolean keyTaken(String key) {
        return accounts.findClaim(key).hasElement().block();
    }

    private Map<UUID, String> keysOfPostings(World w) {
        return db.sql("select id, idempotency_key from timebank_posting where community_id = :c")
                .bind("c", w.community())
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("idempotency_key", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }

    /** The community's accounts hold zero, every posting sums to zero, stored balances are their legs' sums. */
    private void assertBalanced(World w) {
        long held = 0;
        for (TimeBankAccount p : w.people) {
            long stored = balance(p);
            assertThat(stored).isNotNegative().isEqualTo(sumOfLegs(p.id()));
            held += stored;
        }
        assertThat(balance(w.pool) + held)
                .as("the community's accounts sum to zero")
                .isZero();
        assertThat(db.sql("""
                                select count(*) as n from (select l.posting_id from timebank_leg l
                                    join timebank_posting p on p.id = l.posting_id
                                    where p.community_id = :c group by l.posting_id having sum(l.minutes) <> 0) unbalanced
                                """)
                        .bind("c", w.community())
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isZero();
        assertThat(db.sql("""
                                select count(*) as n from timebank_posting p
                                where p.community_id = :c
                                    and not exists (select 1 from timebank_leg l where l.posting_id = p.id)
                                """)
                        .bind("c", w.community())
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .as("no head without legs")
                .isZero();
    }

    private long sumOfLegs(UUID account) {
        return db.sql("select coalesce(sum(minutes), 0)::bigint as n from timebank_leg where account_id = :a")
                .bind("a", account)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private static PostingRequest transfer(
            String key, Posting.Kind kind, World w, TimeBankAccount from, TimeBankAccount to, long minutes) {
        return new PostingRequest(
                key,
                kind,
                w.community(),
                null,
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
                "时间银行 " + kind,
                LocalDate.of(2026, 11, 23),
                List.of(new PostingRequest.LegSpec(from, -minutes), new PostingRequest.LegSpec(to, minutes)));
    }
}
