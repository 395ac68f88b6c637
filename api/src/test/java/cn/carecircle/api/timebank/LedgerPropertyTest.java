package cn.carecircle.api.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.support.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Random sequences of issuances, gifts, redemptions and replays against the real ledger: every posting sums to
 * zero, the pool and the personal accounts together hold zero, no personal balance goes negative, a replay
 * changes nothing, and the balances agree with a model kept beside.
 */
class LedgerPropertyTest extends IntegrationTest {

    private static final int OPERATIONS = 50;
    private static final int PEOPLE = 4;
    private static final long FRESH_SEED = System.nanoTime();

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerRepository accounts;

    @Autowired
    DatabaseClient db;

    static Stream<Long> seeds() {
        return Stream.concat(LongStream.of(1, 2, 3, 5, 8, 13, 21, 34, 55).boxed(), Stream.of(FRESH_SEED));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomPostingsKeepTheLedgerBalanced(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        UUID community = fixtures.community();
        TimeBankAccount pool = accounts.open(TimeBankAccount.HolderType.COMMUNITY, community, clock.instant())
                .block();
        List<TimeBankAccount> people = new ArrayList<>();
        Map<UUID, Long> model = new HashMap<>();
        for (int i = 0; i < PEOPLE; i++) {
            TimeBankAccount a = accounts.open(
                            i % 2 == 0 ? TimeBankAccount.HolderType.ACCOUNT : TimeBankAccount.HolderType.ELDER,
                            UUID.randomUUID(),
                            clock.instant())
                    .block();
            people.add(a);
            model.put(a.id(), 0L);
        }
        List<PostingRequest> done = new ArrayList<>();
        Map<String, UUID> postingOfKey = new HashMap<>();
        List<String> trace = new ArrayList<>();
        for (int op = 0; op < OPERATIONS; op++) {
            int kind = random.nextInt(10);
            String context = "seed " + seed + " (fresh seed this run: " + FRESH_SEED + "), after " + trace;
            if (kind < 2 && !done.isEmpty()) {
                PostingRequest again = done.get(random.nextInt(done.size()));
                trace.add("replay " + again.key());
                Posting.Result result =
                        ledger.post(again, reactor.core.publisher.Mono::empty).block();
                assertThat(result.replay()).as(context).isTrue();
                assertThat(result.posting().id()).as(context).isEqualTo(postingOfKey.get(again.key()));
            } else {
                TimeBankAccount a = people.get(random.nextInt(PEOPLE));
                TimeBankAccount b = people.get(random.nextInt(PEOPLE));
                long minutes = 1 + random.nextInt(90);
                PostingRequest request;
                if (kind < 5) {
                    request = request(Posting.Kind.ISSUE, community, pool, a, minutes);
                } else if (kind < 9 && !a.id().equals(b.id())) {
                    request = request(Posting.Kind.GIFT, community, a, b, minutes);
                } else {
                    request = request(Posting.Kind.REDEEM, community, a, pool, minutes);
                }
                trace.add(request.kind() + " " + minutes);
                TimeBankAccount debited = request.legs().get(0).account();
                boolean covered = debited.pool() || model.get(debited.id()) >= minutes;
                try {
                    Posting.Result result = ledger.post(request, reactor.core.publisher.Mono::empty)
                            .block();
                    assertThat(covered).as(context + ": posted without cover").isTrue();
                    assertThat(result.replay()).as(context).isFalse();
                    assertThat(result.posting().legs().stream()
                                    .mapToLong(Posting.Leg::minutes)
                                    .sum())
                            .as(context)
                            .isZero();
                    done.add(request);
                    postingOfKey.put(request.key(), result.posting().id());
                    for (PostingRequest.LegSpec leg : request.legs()) {
                        model.computeIfPresent(leg.account().id(), (id, m) -> m + leg.minutes());
                    }
                } catch (ApiException e) {
                    assertThat(e.type()).as(context).isEqualTo(ProblemType.INSUFFICIENT_BALANCE);
                    assertThat(covered).as(context + ": refused with cover").isFalse();
                }
            }
            long held = 0;
            for (TimeBankAccount person : people) {
                long balance = accounts.findById(person.id()).block().balance();
                assertThat(balance).as(context).isNotNegative().isEqualTo(model.get(person.id()));
                held += balance;
            }
            long poolBalance = accounts.findById(pool.id()).block().balance();
            assertThat(poolBalance + held)
                    .as(context + ": the community's accounts sum to zero")
                    .isZero();
        }
        assertThat(db.sql("select count(*) as n from (select posting_id from timebank_leg group by posting_id"
                                + " having sum(minutes) <> 0) unbalanced")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isZero();
        assertThat(db.sql("select count(*) as n from timebank_account a where a.kind = 'PERSONAL' and a.balance <>"
                                + " (select coalesce(sum(l.minutes), 0) from timebank_leg l where l.account_id = a.id)")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isZero();
    }

    private static PostingRequest request(
            Posting.Kind kind, UUID community, TimeBankAccount from, TimeBankAccount to, long minutes) {
        return new PostingRequest(
                "prop:" + UUID.randomUUID(),
                kind,
                community,
                null,
                null,
                null,
                LocalDate.of(2026, 11, 23),
                List.of(new PostingRequest.LegSpec(from, -minutes), new PostingRequest.LegSpec(to, minutes)));
    }
}
