package cn.carecircle.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.CareCircleApplication;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.support.MutableClock;
import cn.carecircle.api.support.TestClockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Two api instances on one database: background work claims its rows with {@code FOR UPDATE SKIP LOCKED}, so when
 * both instances run what is due at the same moment, every due order is dispatched exactly once and none is
 * missed.
 */
class TwoInstancesTest extends IntegrationTest {

    private static final int ORDERS = 30;
    private static ConfigurableApplicationContext second;

    @Autowired
    BackgroundWorker worker;

    @Autowired
    DatabaseClient db;

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void dueDispatchIsDoneOnceAndNothingIsMissedWhenTwoInstancesRunIt() throws Exception {
        clock.set(START);
        DispatchScene scene = DispatchScene.create(this);
        Instant start = START.plus(Duration.ofHours(3));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(scene.place(Map.of(
                            "elderId",
                            scene.elder.toString(),
                            "service",
                            "CLEANING",
                            "durationMinutes",
                            90,
                            "settlement",
                            "PAID",
                            "window",
                            Map.of(
                                    "start",
                                    start.plus(Duration.ofMinutes(i)).toString(),
                                    "end",
                                    start.plus(Duration.ofMinutes(i + 120)).toString())))
                    .get("id")
                    .toString());
        }
        assertThat(scene.status(orders.get(0))).isEqualTo("REQUESTED");

        second = new SpringApplicationBuilder(CareCircleApplication.class, TestClockConfiguration.class)
                .profiles("test")
                // an argument, not a default property: application.yaml's ${PORT:8080} would win over that
                .run("--server.port=0");
        BackgroundWorker other = second.getBean(BackgroundWorker.class);
        // every order's dispatch time (two hours before its window) has come, on both instances' clocks
        Instant later = START.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(ORDERS));
        clock.set(later);
        second.getBean(MutableClock.class).set(later);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> handled = new ArrayList<>();
            for (BackgroundWorker w : List.of(worker, other)) {
                handled.add(pool.submit(() -> {
                    go.await();
                    return w.drain().block(Duration.ofSeconds(120));
                }));
            }
            go.countDown();
            for (Future<Integer> f : handled) {
                assertThat(f.get(180, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }

        for (String order : orders) {
            List<String> moves = db.sql("select to_status from order_event where order_id = :o order by seq")
                    .bind("o", UUID.fromString(order))
                    .map(row -> row.get("to_status", String.class))
                    .all()
                    .collectList()
                    .block();
            // nobody serves here: each order went to matching once and escalated once, on one instance or the other
            assertThat(moves).as("order %s", order).containsExactly("REQUESTED", "MATCHING", "ESCALATED");
        }
    }
}
