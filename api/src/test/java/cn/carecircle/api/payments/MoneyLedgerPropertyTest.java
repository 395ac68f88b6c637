package cn.carecircle.api.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.IntegrationTest;
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
 * Random transfers and replays against the real money ledger: the accounts together hold zero after every step, no
 * stored balance (escrow, payables, refunds) goes negative, an uncovered debit is refused and changes nothing, a
 * replay changes nothing, and balances agree with a model kept beside.
 */
class MoneyLedgerPropertyTest extends IntegrationTest {

    private static final int OPERATIONS = 40;
    private static final long FRESH_SEED = System.nanoTime();

    @Autowired
    MoneyLedger ledger;

    @Autowired
    DatabaseClient db;

    static Stream<Long> seeds() {
        return Stream.concat(LongStream.of(1, 2, 3, 5, 8).boxed(), Stream.of(FRESH_SEED));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomTransfersKeepTheLedgerBalanced(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DispatchScene scene = DispatchScene.create(this);
        UUID community = scene.community;
        UUID order = UUID.fromString(scene.orderCleaningNow());
        List<MoneyAccount> accounts = new ArrayList<>();
        for (MoneyAccount.Kind kind : MoneyAccount.Kind.values()) {
            accounts.add(ledger.account(kind, community, community).block());
        }
        accounts.add(ledger.account(MoneyAccount.Kind.PAYABLE, UUID.randomUUID(), community)
                .block());
        Map<UUID, Long> model = new HashMap<>();
        accounts.forEach(a -> model.put(a.id(), 0L));
        List<MoneyPosting> done = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        for (int op = 0; op < OPERATIONS; op++) {
            String context = "seed " + seed + " (fresh seed this run: " + FRESH_SEED + "), after " + trace;
            if (random.nextInt(6) == 0 && !done.isEmpty()) {
                MoneyPosting again = done.get(random.nextInt(done.size()));
                trace.add("replay " + again.key());
                assertThat(ledger.post(again).block()).as(context).isFalse();
            } else {
                MoneyAccount from = accounts.get(random.nextInt(accounts.size()));
                MoneyAccount to = accounts.get(random.nextInt(accounts.size()));
                if (from.id().equals(to.id())) {
                    continue;
                }
                long fen = 1 + random.nextInt(5000);
                MoneyPosting posting = MoneyPosting.transfer(
                        "test:" + seed + ":" + op + ":" + UUID.randomUUID(),
                        MoneyPosting.Kind.SETTLE,
                        community,
                        order,
                        from,
                        to,
                        fen);
                trace.add(from.kind() + "->" + to.kind() + " " + fen);
                boolean covered = from.kind().issuer() || model.get(from.id()) >= fen;
                if (covered) {
                    assertThat(ledger.post(posting).block()).as(context).isTrue();
                    done.add(posting);
                    model.merge(from.id(), -fen, Long::sum);
                    model.merge(to.id(), fen, Long::sum);
                } else {
                    assertThatThrownBy(() -> ledger.post(posting).block())
                            .as(context)
                            .isInstanceOf(IllegalStateException.class);
                }
            }
            long total = 0;
            for (MoneyAccount a : accounts) {
                long fromLegs = sumOfLegs(a.id());
                assertThat(fromLegs).as(context).isEqualTo(model.get(a.id()));
                if (!a.kind().issuer()) {
                    assertThat(storedBalance(a.id()))
                            .as(context)
                            .isNotNegative()
                            .isEqualTo(fromLegs);
                }
                total += fromLegs;
            }
            assertThat(total).as(context + ": the accounts sum to zero").isZero();
        }
    }

    private long sumOfLegs(UUID account) {
        return db.sql("select coalesce(sum(amount_fen), 0)::bigint as n from money_leg where account_id = :a")
                .bind("a", account)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private long storedBalance(UUID account) {
        return db.sql("select balance from money_account where id = :a")
                .bind("a", account)
                .map(row -> row.get("balance", Long.class))
                .one()
                .block();
    }
}
