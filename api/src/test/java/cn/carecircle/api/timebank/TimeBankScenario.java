package cn.carecircle.api.timebank;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A community with two workers, and a volunteer who is also the bound family of an elder. */
abstract class TimeBankScenario extends IntegrationTest {

    static final String PROBLEMS = "https://carecircle.cn/problems/";

    UUID community;
    WebTestClient worker;
    WebTestClient secondWorker;
    WebTestClient volunteer;
    UUID volunteerId;
    UUID volunteerAccount;
    UUID elder;

    void setUpScenario() {
        community = fixtures.community();
        worker = fixtures.worker(community);
        secondWorker = fixtures.worker(community);
        volunteer = fixtures.family();
        volunteerId = onboardVolunteer(volunteer, community);
        volunteerAccount = accountIdOf(volunteer);
        elder = fixtures.boundElder(volunteer, worker, community);
    }

    UUID onboardVolunteer(WebTestClient client, UUID communityId) {
        Map<String, Object> body = Fixtures.providerBody(communityId, "MEAL", "VOLUNTEER_REGISTRATION");
        body.put("kind", "VOLUNTEER");
        return UUID.fromString(client.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }

    static UUID accountIdOf(WebTestClient client) {
        return UUID.fromString(client.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("accountId")
                .toString());
    }

    WebTestClient.ResponseSpec record(WebTestClient who, UUID volunteer, int minutes, LocalDate servedOn) {
        return who.post()
                .uri("/api/v1/timebank/service-records")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "volunteerId",
                        volunteer.toString(),
                        "minutes",
                        minutes,
                        "servedOn",
                        servedOn.toString(),
                        "description",
                        "电话探访独居老人"))
                .exchange();
    }

    String recordId(WebTestClient who, UUID volunteer, int minutes, LocalDate servedOn) {
        return record(who, volunteer, minutes, servedOn)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    WebTestClient.ResponseSpec approve(WebTestClient who, String recordId) {
        return who.post()
                .uri("/api/v1/timebank/service-records/{id}/approval", recordId)
                .exchange();
    }

    /** Minutes issued to the volunteer: recorded by one worker, approved by the other. */
    void earn(int minutes) {
        approve(secondWorker, recordId(worker, volunteerId, minutes, today()))
                .expectStatus()
                .isOk();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), TimeBankService.ZONE);
    }

    WebTestClient.ResponseSpec give(WebTestClient who, Map<String, Object> body, String key) {
        WebTestClient.RequestBodySpec spec =
                who.post().uri("/api/v1/timebank/gifts").contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(body).exchange();
    }

    static Map<String, Object> toElder(UUID elder, int minutes) {
        return Map.of("toElderId", elder.toString(), "minutes", minutes);
    }

    static String key() {
        return "k-" + UUID.randomUUID();
    }

    long balance(WebTestClient who) {
        return ((Number) who.get()
                        .uri("/api/v1/timebank/accounts/me")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("balance"))
                .longValue();
    }

    long elderBalance(WebTestClient who, UUID elderId) {
        return ((Number) who.get()
                        .uri("/api/v1/timebank/elders/{e}/account", elderId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("balance"))
                .longValue();
    }

    void setRules(int daily, long lifetime, int gift, int giftMonth, int age) {
        fixtures.operator()
                .put()
                .uri("/api/v1/communities/{c}/timebank/rules", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "effectiveFrom", today().toString(),
                        "dailyEarningCapMinutes", daily,
                        "lifetimeEarningCapMinutes", lifetime,
                        "giftMaxMinutes", gift,
                        "giftMaxMinutesPerMonth", giftMonth,
                        "minRedeemAge", age))
                .exchange()
                .expectStatus()
                .isOk();
    }

    static List<?> list(Object o) {
        return (List<?>) o;
    }

    /** Fires the calls at once from our own threads (the server's sign-in checks use Reactor's bounded elastic). */
    static List<EntityExchangeResult<byte[]>> race(int n, IntFunction<EntityExchangeResult<byte[]>> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EntityExchangeResult<byte[]>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<EntityExchangeResult<byte[]>> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
