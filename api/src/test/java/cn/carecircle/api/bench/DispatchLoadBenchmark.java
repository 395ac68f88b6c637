package cn.carecircle.api.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import cn.carecircle.api.support.BenchServer;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.support.TestInfrastructure;
import cn.carecircle.api.support.Tokens;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver of dispatch: the running api (real HTTP, PostgreSQL, Redis, background work and the outbox relay as in
 * production) with WireMock as FCM answering every send in 50 ms. Families place orders for now at a fixed rate
 * (open loop); the latency of an order is from the moment its POST is sent to the moment FCM receives the first
 * offer push for it (WireMock's request journal). Baseline of the same run: an authenticated GET of the caller's
 * account at the same rate. Then acceptance: offered providers accept one after the other (closed loop), against the
 * same GET as baseline. Prints a Markdown table.
 *
 * <p>{@code ./mvnw -B -q -pl api -Pbench test-compile exec:exec} (see api/README.md); {@code -Dbench.rates=50,100},
 * {@code -Dbench.seconds=20}, {@code -Dbench.warmup=60} (seconds at 20 orders/s before the first rate).
 */
public final class DispatchLoadBenchmark extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PROVIDERS = 12;

    private final WebClient client;
    private final MeterRegistry meters;

    private DispatchLoadBenchmark(BenchServer server) {
        this.http = server.http();
        this.client = WebClient.create(server.baseUrl());
        this.meters = server.context().getBean(MeterRegistry.class);
    }

    public static void main(String[] args) {
        int[] rates = Arrays.stream(
                        System.getProperty("bench.rates", "50,100,200").split(","))
                .map(String::strip)
                .mapToInt(Integer::parseInt)
                .toArray();
        int seconds = Integer.getInteger("bench.seconds", 20);
        TestInfrastructure.start();
        TestInfrastructure.FIREBASE.stubFor(post(urlPathMatching("/v1/projects/[^/]+/messages:send"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withFixedDelay(50)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"name\":\"projects/demo-carecircle/messages/1\"}")));
        try (BenchServer server = BenchServer.start()) {
            new DispatchLoadBenchmark(server).run(rates, seconds);
        }
        System.exit(0);
    }

    private void run(int[] rates, int seconds) {
        DispatchScene scene = DispatchScene.create(this);
        List<DispatchScene.Provider> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            DispatchScene.Provider p = scene.cleaner(true);
            p.client()
                    .put()
                    .uri("/api/v1/me/device-tokens")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("token", "bench-" + UUID.randomUUID(), "platform", "ANDROID"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            providers.add(p);
        }
        String familyUid = uid("family");
        WebTestClient family = as(familyUid);
        family.post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "李明", "phone", "13900000000"))
                .exchange()
                .expectStatus()
                .isCreated();
        UUID elder = fixtures.boundElder(family, scene.worker, scene.community);
        String token = "Bearer " + Tokens.idToken(familyUid, Map.of(), Instant.now());
        Map<String, Object> order =
                Map.of("elderId", elder.toString(), "service", "CLEANING", "durationMinutes", 90, "settlement", "PAID");

        // the JIT compiles the order path for a minute or more; on two cores its compiler threads take a core
        // meanwhile, so the rates are measured only after the server has run warm (as a server in service has)
        int warmup = Integer.getInteger("bench.warmup", 60);
        providers.forEach(DispatchScene.Provider::online);
        phase(20, warmup, () -> place(token, order), false);
        awaitQuiet();
        System.out.printf(
                Locale.ROOT,
                "%n| rate (orders/s) | sent | offered | order→first offer push p50 / p99 (ms) | POST /orders p50 / p99"
                        + " (ms) | baseline GET /me p50 / p99 (ms) | offer p99 ÷ baseline p99 |%n");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int rate : rates) {
            providers.forEach(DispatchScene.Provider::online);
            // warm-up at this rate, not measured
            phase(rate, Math.min(5, seconds), () -> place(token, order), false);
            awaitQuiet();
            TestInfrastructure.FIREBASE.resetRequests();
            Phase orders = phase(rate, seconds, () -> place(token, order), true);
            awaitQuiet();
            Map<String, Long> firstPush = firstOfferPushes();
            List<Double> offerLatency = new ArrayList<>();
            orders.sentAt.forEach((id, sentAt) -> {
                Long pushed = firstPush.get(id);
                if (pushed != null) {
                    offerLatency.add((double) (pushed - sentAt));
                }
            });
            Phase baseline = phase(rate, seconds, () -> me(token), false);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %d | %.0f / %.0f | %.1f / %.1f | %.1f / %.1f | %.1f |%n",
                    rate,
                    orders.sentAt.size(),
                    offerLatency.size(),
                    percentile(offerLatency, 50),
                    percentile(offerLatency, 99),
                    percentile(orders.httpMillis(), 50),
                    percentile(orders.httpMillis(), 99),
                    percentile(baseline.httpMillis(), 50),
                    percentile(baseline.httpMillis(), 99),
                    percentile(offerLatency, 99) / percentile(baseline.httpMillis(), 99));
        }
        acceptance(providers, token, order, Integer.getInteger("bench.acceptances", 200));
    }

    /**
     * One order after the other: placed, accepted by a provider it was offered to (timed), then cancelled by the
     * family so that the provider is free for the next; against as many GET /me.
     */
    private void acceptance(
            List<DispatchScene.Provider> providers, String familyToken, Map<String, Object> order, int count) {
        List<Double> accept = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        providers.forEach(DispatchScene.Provider::online);
        for (int i = 0; i < count; i++) {
            String orderId = place(familyToken, order).block();
            for (DispatchScene.Provider p : providers) {
                String offer = p.offers().stream()
                        .filter(o -> orderId.equals(o.get("orderId")))
                        .map(o -> o.get("id").toString())
                        .findFirst()
                        .orElse(null);
                if (offer == null) {
                    continue;
                }
                long start = System.nanoTime();
                int status = p.client()
                        .post()
                        .uri("/api/v1/offers/{o}/acceptance", offer)
                        .exchange()
                        .returnResult(Void.class)
                        .getStatus()
                        .value();
                if (status == 200) {
                    accept.add((System.nanoTime() - start) / 1e6);
                }
                break;
            }
            client.post()
                    .uri("/api/v1/orders/{o}/cancellation", orderId)
                    .header(HttpHeaders.AUTHORIZATION, familyToken)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("reason", "benchmark"))
                    .retrieve()
                    .toBodilessEntity()
                    .block();
            long b = System.nanoTime();
            me(familyToken).block();
            baseline.add((System.nanoTime() - b) / 1e6);
        }
        double[] claim = new double[2];
        for (ValueAtPercentile v : meters.get("carecircle.dispatch.acceptance")
                .timer()
                .takeSnapshot()
                .percentileValues()) {
            claim[v.percentile() < 0.9 ? 0 : 1] = v.value(TimeUnit.MILLISECONDS);
        }
        System.out.printf(
                Locale.ROOT,
                "%n| acceptances | server-side claim p50 / p99 (ms) | POST acceptance p50 / p99 (ms) | baseline GET /me"
                        + " p50 / p99 (ms) | HTTP ratio p99 |%n"
                        + "|---|---|---|---|---|%n| %d | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %.1f |%n",
                accept.size(),
                claim[0],
                claim[1],
                percentile(accept, 50),
                percentile(accept, 99),
                percentile(baseline, 50),
                percentile(baseline, 99),
                percentile(accept, 99) / percentile(baseline, 99));
    }

    /** What one timed phase sent: the send time of each order (by id) and each request's round trip. */
    private record Phase(Map<String, Long> sentAt, ConcurrentLinkedQueue<Double> http) {
        List<Double> httpMillis() {
            return new ArrayList<>(http);
        }
    }

    /** A request's id (null for the baseline) once answered. */
    private interface Request {
        Mono<String> send();
    }

    /** Sends at a fixed rate for this long (open loop), waits for the answers. */
    private Phase phase(int rate, int seconds, Request request, boolean measured) {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Double> http = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        Flux.interval(Duration.ofNanos(1_000_000_000L / rate))
                .take((long) rate * seconds)
                .onBackpressureBuffer()
                .flatMap(
                        tick -> {
                            long wall = System.currentTimeMillis();
                            long start = System.nanoTime();
                            return request.send()
                                    .doOnNext(id -> {
                                        http.add((System.nanoTime() - start) / 1e6);
                                        if (!id.isEmpty()) {
                                            sentAt.put(id, wall);
                                        }
                                    })
                                    .onErrorResume(e -> {
                                        failed.incrementAndGet();
                                        return Mono.empty();
                                    });
                        },
                        4096)
                .blockLast(Duration.ofSeconds(seconds + 120L));
        if (measured && failed.get() > 0) {
            System.out.println("(" + failed.get() + " requests failed at " + rate + "/s)");
        }
        return new Phase(sentAt, http);
    }

    private Mono<String> place(String token, Map<String, Object> order) {
        return client.post()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(order)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(body -> body.path("id").asString());
    }

    private Mono<String> me(String token) {
        return client.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, token)
                .retrieve()
                .toBodilessEntity()
                .map(response -> "");
    }

    /** Waits until FCM has seen no new request for two seconds (the relay has sent what the phase wrote). */
    private static void awaitQuiet() {
        int last = -1;
        while (true) {
            int now = TestInfrastructure.FIREBASE.getAllServeEvents().size();
            if (now == last) {
                return;
            }
            last = now;
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The time FCM received the first offer push of each order, from WireMock's journal. */
    private static Map<String, Long> firstOfferPushes() {
        Map<String, Long> first = new HashMap<>();
        for (LoggedRequest r : TestInfrastructure.FIREBASE.findAll(
                postRequestedFor(urlPathMatching("/v1/projects/[^/]+/messages:send")))) {
            JsonNode data = JSON.readTree(r.getBodyAsString()).path("message").path("data");
            if ("offer".equals(data.path("kind").asString())) {
                first.merge(data.path("orderId").asString(), r.getLoggedDate().getTime(), Math::min);
            }
        }
        return first;
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
