package cn.carecircle.api.timebank;

import cn.carecircle.api.support.BenchServer;
import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Postings per second of the time-bank ledger against the local PostgreSQL, through {@link Ledger#post} as the
 * features use it. Four workers post at once, each over its own 50 personal accounts (funded first):
 *
 * <ul>
 *   <li><b>uniform</b>: transfers between two random accounts of the worker's;
 *   <li><b>hot</b>: issuance from the community's one pool to a random account of the worker's — every posting
 *       touches the same (pool) account;
 *   <li><b>one by one</b>: each posting its own transaction ({@link Ledger#post}); <b>batched</b>: 100 postings per
 *       transaction, one {@link Ledger#postBatch} (a constant number of statements per batch).
 * </ul>
 *
 * <p>Each worker keeps to its own accounts so that the uniform case measures the ledger rather than waits between
 * workers; batches over shared accounts are safe too (they lock in one order), which {@code LedgerBatchTest}
 * races.
 *
 * <p>{@code ./mvnw -B -q -pl api -Pbench test-compile exec:exec -Dbench.main=cn.carecircle.api.timebank.LedgerBenchmark}
 * ({@code -Dbench.postings=8000}).
 */
public final class LedgerBenchmark extends IntegrationTest {

    private static final int WORKERS = 4;
    private static final int ACCOUNTS_PER_WORKER = 50;
    private static final int BATCH = 100;

    private final Ledger ledger;
    private final LedgerRepository accounts;

    private LedgerBenchmark(BenchServer server) {
        this.http = server.http();
        this.ledger = server.context().getBean(Ledger.class);
        this.accounts = server.context().getBean(LedgerRepository.class);
    }

    public static void main(String[] args) {
        int postings = Integer.getInteger("bench.postings", 4000);
        try (BenchServer server = BenchServer.start()) {
            new LedgerBenchmark(server).run(postings);
        }
        System.exit(0);
    }

    private void run(int postings) {
        UUID community = fixtures.community();
        TimeBankAccount pool = open(TimeBankAccount.HolderType.COMMUNITY, community);
        List<List<TimeBankAccount>> partitions = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            List<TimeBankAccount> own = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS_PER_WORKER; i++) {
                own.add(open(TimeBankAccount.HolderType.ACCOUNT, UUID.randomUUID()));
            }
            partitions.add(own);
        }
        // fund every account from the pool, so that transfers never run short
        Flux.fromIterable(partitions)
                .flatMap(Flux::fromIterable)
                .concatMap(a -> ledger.post(request(community, Posting.Kind.ISSUE, pool, a, 1_000_000), Mono::empty))
                .blockLast();

        Function<List<TimeBankAccount>, PostingRequest> uniform = own -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int from = random.nextInt(own.size());
            int to = (from + 1 + random.nextInt(own.size() - 1)) % own.size();
            return request(community, Posting.Kind.GIFT, own.get(from), own.get(to), 1 + random.nextInt(5));
        };
        Function<List<TimeBankAccount>, PostingRequest> hot = own -> request(
                community,
                Posting.Kind.ISSUE,
                pool,
                own.get(ThreadLocalRandom.current().nextInt(own.size())),
                1 + ThreadLocalRandom.current().nextInt(5));

        // warm-up, not measured: a batch is one call per 100 postings, so it takes more postings to warm up
        rate(partitions, uniform, Math.min(postings, 800), false);
        rate(partitions, uniform, postings, true);

        double uniformOne = rate(partitions, uniform, postings, false);
        double uniformBatched = rate(partitions, uniform, postings, true);
        double hotOne = rate(partitions, hot, postings, false);
        double hotBatched = rate(partitions, hot, postings, true);
        System.out.printf(
                Locale.ROOT,
                "%n| accounts | one by one (postings/s) | batched ×%d (postings/s) | batched ÷ one by one |%n"
                        + "|---|---|---|---|%n"
                        + "| uniform (%d personal) | %.0f | %.0f | %.1f |%n"
                        + "| hot (one pool) | %.0f | %.0f | %.1f |%n"
                        + "| hot ÷ uniform | %.2f | %.2f | |%n",
                BATCH,
                WORKERS * ACCOUNTS_PER_WORKER,
                uniformOne,
                uniformBatched,
                uniformBatched / uniformOne,
                hotOne,
                hotBatched,
                hotBatched / hotOne,
                hotOne / uniformOne,
                hotBatched / uniformBatched);
    }

    /** Posts {@code total} requests over the workers (one by one, or in batches); postings per second. */
    private double rate(
            List<List<TimeBankAccount>> partitions,
            Function<List<TimeBankAccount>, PostingRequest> next,
            int total,
            boolean batched) {
        int perWorker = total / partitions.size();
        long start = System.nanoTime();
        Flux.fromIterable(partitions)
                .flatMap(
                        own -> batched
                                ? Flux.range(0, perWorker / BATCH)
                                        .concatMap(b -> Mono.defer(
                                                        () -> ledger.postBatch(Stream.generate(() -> next.apply(own))
                                                                .limit(BATCH)
                                                                .toList()))
                                                .doOnNext(LedgerBenchmark::allPosted))
                                : Flux.range(0, perWorker)
                                        .concatMap(i -> ledger.post(next.apply(own), Mono::empty))
                                        .then(),
                        partitions.size())
                .blockLast(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = batched ? partitions.size() * (perWorker / BATCH) * BATCH : partitions.size() * perWorker;
        return done / seconds;
    }

    private static void allPosted(List<Ledger.Outcome> outcomes) {
        outcomes.stream().filter(Ledger.Outcome::refused).findFirst().ifPresent(o -> {
            throw o.refusal();
        });
    }

    private TimeBankAccount open(TimeBankAccount.HolderType type, UUID holder) {
        return accounts.open(type, holder, java.time.Instant.now()).block();
    }

    private static PostingRequest request(
            UUID community, Posting.Kind kind, TimeBankAccount from, TimeBankAccount to, long minutes) {
        return new PostingRequest(
                "bench:" + UUID.randomUUID(),
                kind,
                community,
                null,
                null,
                null,
                LocalDate.now(),
                List.of(new PostingRequest.LegSpec(from, -minutes), new PostingRequest.LegSpec(to, minutes)));
    }
}
