package cn.carecircle.api.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.DispatchScene.Provider;
import cn.carecircle.api.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Exactly one winner per seat whatever the concurrency: an escalated order is broadcast to 50 online providers
 * (抢单) and all 50 accept at the same moment, round after round. Every time one gets the job and the other 49 get
 * the {@code offer-taken} problem.
 *
 * <p>Rounds: {@code -Dcarecircle.race.rounds} (3 in the default run).
 */
class AcceptanceRaceTest extends IntegrationTest {

    private static final int PROVIDERS = 50;
    private static final int ROUNDS = Integer.getInteger("carecircle.race.rounds", 3);

    private DispatchScene scene;
    private List<Provider> providers;

    @BeforeEach
    void setUp() {
        clock.set(START);
        scene = DispatchScene.create(this);
        providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add(scene.cleaner(true));
        }
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    @Test
    void fiftyConcurrentAcceptancesOfOneJobHaveExactlyOneWinnerEveryTime() throws Exception {
        // our own threads: the server's blocking sign-in checks run on Reactor's bounded elastic pool
        ExecutorService pool = Executors.newFixedThreadPool(PROVIDERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // nobody online: the order escalates; then everyone comes online and the worker broadcasts it
                providers.forEach(Provider::offline);
                String order = scene.orderCleaningNow();
                assertThat(scene.status(order)).isEqualTo("ESCALATED");
                clock.advance(java.time.Duration.ofSeconds(10)); // presence reports are rate-limited per provider
                providers.forEach(Provider::online);
                scene.worker
                        .post()
                        .uri("/api/v1/orders/{id}/redispatch", order)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("reason", "新的服务人员已上线，抢单", "broadcast", true))
                        .exchange()
                        .expectStatus()
                        .isOk();
                // the earlier winners are busy in this window; everyone else holds an offer
                List<Provider> offered =
                        providers.stream().filter(p -> !p.offers().isEmpty()).toList();
                assertThat(offered).hasSize(PROVIDERS - round);

                CountDownLatch start = new CountDownLatch(1);
                List<Future<EntityExchangeResult<byte[]>>> results = new ArrayList<>();
                for (Provider p : offered) {
                    String offer = p.offerOf(order);
                    results.add(pool.submit(() -> {
                        start.await();
                        return p.client()
                                .post()
                                .uri("/api/v1/offers/{id}/acceptance", offer)
                                .exchange()
                                .expectBody()
                                .returnResult();
                    }));
                }
                start.countDown();
                int winners = 0;
                int taken = 0;
                for (Future<EntityExchangeResult<byte[]>> f : results) {
                    EntityExchangeResult<byte[]> r = f.get(120, TimeUnit.SECONDS);
                    if (r.getStatus().value() == 200) {
                        winners++;
                    } else {
                        assertThat(r.getStatus().value()).isEqualTo(409);
                        assertThat(new String(r.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8))
                                .contains("https://carecircle.cn/problems/offer-taken");
                        taken++;
                    }
                }
                assertThat(winners).as("winners in round %d", round).isEqualTo(1);
                assertThat(taken).isEqualTo(offered.size() - 1);
                Map<String, Object> assigned = scene.order(order);
                assertThat(assigned.get("status")).isEqualTo("ASSIGNED");
                assertThat((List<?>) assigned.get("seats")).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
