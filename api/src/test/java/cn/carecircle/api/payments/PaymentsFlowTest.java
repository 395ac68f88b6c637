package cn.carecircle.api.payments;

import static cn.carecircle.api.payments.PaymentsDatabase.assertBalanced;
import static cn.carecircle.api.payments.PaymentsDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.support.TestInfrastructure;
import cn.carecircle.payments.WebhookRequest;
import cn.carecircle.payments.wechat.TestKeys;
import cn.carecircle.payments.wechat.WechatPayMessages;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Paying PAID orders over HTTP against PostgreSQL, with WeChat Pay played by a signing simulator on WireMock: the
 * subsidy first (10000 fen a month by default), the rest online, escrow until confirmed, everything back on
 * cancellation. Ledger and allowance are read from the database, scoped to this test's community and elder.
 */
class PaymentsFlowTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    @Autowired
    private BackgroundWorker jobs;

    private DispatchScene scene;

    @BeforeEach
    void setUp() {
        scene = DispatchScene.create(this);
    }

    @Test
    void theQuoteTakesTheSubsidyFirstThenTheRestOnline() {
        String first = scene.orderCleaningNow();
        quote(first).expectBody().json("{\"subsidyFen\":6000,\"onlineFen\":0,\"totalFen\":6000}");
        pay(scene.family, first, 6000).expectStatus().isOk();
        // 4000 of the month's 10000 are left
        String second = scene.orderCleaningNow();
        quote(second).expectBody().json("{\"subsidyFen\":4000,\"onlineFen\":2000,\"totalFen\":6000}");
        String timeBank = scene.place(Map.of(
                        "elderId",
                        scene.elder.toString(),
                        "service",
                        "CLEANING",
                        "durationMinutes",
                        90,
                        "settlement",
                        "TIME_BANK"))
                .get("id")
                .toString();
        quote(timeBank)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("settlement");
    }

    @Test
    void payNotifyConfirmSettlesToTheProviderWithTheLedgerBalancedAtEachStep() {
        String first = scene.orderCleaningNow();
        pay(scene.family, first, 6000)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("HELD")
                .jsonPath("$.appPayment")
                .doesNotExist();
        assertThat(allowanceUsed()).isEqualTo(6000);
        assertBalanced(scene.community);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(6000);

        DispatchScene.Provider cleaner = scene.cleaner(true).online();
        String second = scene.orderCleaningNow();
        pay(scene.family, second, 6000)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("PENDING")
                .jsonPath("$.subsidyFen")
                .isEqualTo(4000)
                .jsonPath("$.onlineFen")
                .isEqualTo(2000)
                .jsonPath("$.appPayment.prepayId")
                .isNotEmpty()
                .jsonPath("$.appPayment.partnerId")
                .isEqualTo(TestKeys.MERCHANT_ID);
        assertThat(allowanceUsed()).isEqualTo(10000);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(10000);
        assertBalanced(scene.community);

        notify(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(
                        Payment.outTradeNoOf(UUID.fromString(second)), clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        payment(second).expectBody().jsonPath("$.state").isEqualTo("HELD");
        assertThat(balance("ESCROW", scene.community)).isEqualTo(12000);
        assertThat(balance("EXTERNAL", scene.community)).isEqualTo(-2000);
        assertBalanced(scene.community);

        scene.complete(cleaner, second);
        earnings(cleaner)
                .json("{\"settledFen\":0,\"pendingFen\":6000,\"jobs\":[{\"orderId\":\"" + second
                        + "\",\"amountFen\":6000,\"settled\":false}]}");
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/confirmation", second)
                .exchange()
                .expectStatus()
                .isOk();
        payment(second).expectBody().jsonPath("$.state").isEqualTo("SETTLED");
        earnings(cleaner).json("{\"settledFen\":6000,\"pendingFen\":0,\"jobs\":[{\"settled\":true}]}");
        assertThat(balance("PAYABLE", UUID.fromString(cleaner.id()))).isEqualTo(6000);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(6000);
        assertThat(balance("SUBSIDY_FUND", scene.community)).isEqualTo(-10000);
        assertThat(allowanceUsed()).isEqualTo(10000);
        assertBalanced(scene.community);
    }

    @Test
    void theMonthlyReportCountsTheSubsidySpentNetOfWhatCameBack() {
        clock.set(START);
        String first = scene.orderCleaningNow();
        pay(scene.family, first, 6000).expectStatus().isOk();
        // 4000 of the allowance are left: 4000 subsidy, 2000 online
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        // the first order's 6000 come back to the fund
        cancel(first).expectStatus().isOk();

        scene.worker
                .get()
                .uri("/api/v1/reports/monthly?month=2026-11&communityId={c}", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.unavailable.length()")
                .isEqualTo(0)
                .jsonPath("$.total.subsidy.spentFen")
                .isEqualTo(4000)
                .jsonPath("$.total.subsidy.orders")
                .isEqualTo(1)
                .jsonPath("$.total.subsidy.elders")
                .isEqualTo(1);
        String csv = new String(
                scene.worker
                        .get()
                        .uri("/api/v1/reports/monthly/export?month=2026-11&format=csv&communityId={c}", scene.community)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("养老服务补贴支出(元)").contains("40.00");
    }

    @Test
    void aMissedNotificationIsRepairedByReconciliationWithTheQueryApi() {
        clock.set(START);
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 6000).expectBody().jsonPath("$.state").isEqualTo("PENDING");
        // the family pays the 2000 online; WeChat Pay's notification never arrives
        TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(Payment.outTradeNoOf(UUID.fromString(order)), clock.instant());

        // not looked up before five minutes
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(query("select state from payment where order_id = ?", UUID.fromString(order)))
                .isEqualTo("PENDING");

        clock.advance(Duration.ofMinutes(5));
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(query("select state from payment where order_id = ?", UUID.fromString(order)))
                .isEqualTo("HELD");
        assertThat(query(
                        "select (reconcile_due_at is null)::text from payment where order_id = ?",
                        UUID.fromString(order)))
                .isEqualTo("true");
        // 6000 + 4000 subsidy and the 2000 online, held once
        assertThat(balance("ESCROW", scene.community)).isEqualTo(12000);
        assertBalanced(scene.community);
    }

    @Test
    void cancellingBeforeCheckInSendsEachPartBackWhereItCameFrom() {
        scene.place(Map.of(
                "elderId", scene.elder.toString(), "service", "BATHING", "durationMinutes", 60, "settlement", "PAID"));
        String bathing = lastOrder();
        pay(scene.family, bathing, 8000).expectStatus().isOk();
        String cleaning = scene.orderCleaningNow();
        pay(scene.family, cleaning, 6000)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subsidyFen")
                .isEqualTo(2000)
                .jsonPath("$.onlineFen")
                .isEqualTo(4000);
        String outTradeNo = Payment.outTradeNoOf(UUID.fromString(cleaning));
        notify(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(outTradeNo, clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        assertThat(balance("ESCROW", scene.community)).isEqualTo(14000);

        cancel(cleaning).expectStatus().isOk();
        payment(cleaning)
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("REFUNDED")
                .jsonPath("$.refundState")
                .isEqualTo("PROCESSING");
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(Payment.outRefundNoOf(UUID.fromString(cleaning))))
                .isEqualTo(4000L);
        String outRefundNo = Payment.outRefundNoOf(UUID.fromString(cleaning));
        notify(WechatPayMessages.notification(
                        "EV-RF-" + cleaning,
                        "REFUND.SUCCESS",
                        "refund",
                        WechatPayMessages.refundJson(outRefundNo, outTradeNo, "50300" + 1, 4000, 4000, "SUCCESS"),
                        TestKeys.API_V3_KEY,
                        clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        payment(cleaning).expectBody().jsonPath("$.refundState").isEqualTo("SUCCESS");
        assertThat(allowanceUsed()).isEqualTo(8000);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(8000);
        assertThat(balance("REFUNDS", scene.community)).isEqualTo(4000);
        assertThat(balance("SUBSIDY_FUND", scene.community)).isEqualTo(-8000);
        assertBalanced(scene.community);

        // the subsidy-only order: its subsidy goes back, nothing is refunded online
        cancel(bathing).expectStatus().isOk();
        payment(bathing).expectBody().jsonPath("$.state").isEqualTo("REFUNDED");
        assertThat(allowanceUsed()).isEqualTo(0);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(0);
        assertThat(balance("SUBSIDY_FUND", scene.community)).isEqualTo(0);
        assertBalanced(scene.community);

        // an order whose online part was never paid: the subsidy goes back and WeChat Pay's payment is closed
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String unpaid = scene.orderCleaningNow();
        pay(scene.family, unpaid, 6000).expectBody().jsonPath("$.state").isEqualTo("PENDING");
        cancel(unpaid).expectStatus().isOk();
        payment(unpaid).expectBody().jsonPath("$.state").isEqualTo("CLOSED");
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.state(Payment.outTradeNoOf(UUID.fromString(unpaid))))
                .isEqualTo("CLOSED");
        assertThat(allowanceUsed()).isEqualTo(6000);
        assertBalanced(scene.community);
    }

    @Test
    void anOnlinePartPaidAfterTheOrderWasConfirmedGoesOnToTheProvider() {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        DispatchScene.Provider cleaner = scene.cleaner(true).online();
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 6000).expectStatus().isOk();
        scene.complete(cleaner, order);
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/confirmation", order)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(query("select state from payment where order_id = ?", UUID.fromString(order)))
                .isEqualTo("PENDING");
        notify(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(
                        Payment.outTradeNoOf(UUID.fromString(order)), clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        payment(order).expectBody().jsonPath("$.state").isEqualTo("SETTLED");
        assertThat(balance("PAYABLE", UUID.fromString(cleaner.id()))).isEqualTo(6000);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(6000);
        assertBalanced(scene.community);
    }

    @Test
    void anOnlinePartPaidJustAfterTheOrderWasCancelledIsRefunded() {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 6000).expectStatus().isOk();
        cancel(order).expectStatus().isOk();
        payment(order).expectBody().jsonPath("$.state").isEqualTo("CLOSED");
        // the family's payment went through before WeChat Pay closed it
        WebhookRequest late = TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(
                Payment.outTradeNoOf(UUID.fromString(order)), clock.instant());
        notify(late).expectStatus().is2xxSuccessful();
        payment(order).expectBody().jsonPath("$.state").isEqualTo("REFUNDED");
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(Payment.outRefundNoOf(UUID.fromString(order))))
                .isEqualTo(2000L);
        assertThat(balance("REFUNDS", scene.community)).isEqualTo(2000);
        assertThat(balance("EXTERNAL", scene.community)).isEqualTo(-2000);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(6000);
        assertThat(allowanceUsed()).isEqualTo(6000);
        assertBalanced(scene.community);
    }

    @Test
    void aRefundTheGatewayFailedIsAskedForAgainByBackgroundWork() {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 6000).expectStatus().isOk();
        String outTradeNo = Payment.outTradeNoOf(UUID.fromString(order));
        String outRefundNo = Payment.outRefundNoOf(UUID.fromString(order));
        notify(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(outTradeNo, clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        StubMapping down = TestInfrastructure.WECHAT_PAY.stubFor(
                WireMock.post(WireMock.urlPathEqualTo("/v3/refund/domestic/refunds"))
                        .withRequestBody(WireMock.containing(outRefundNo))
                        .atPriority(1)
                        .willReturn(WechatPayMessages.error(500, "SYSTEM_ERROR", "系统繁忙")));
        try {
            cancel(order).expectStatus().isOk();
            assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo))
                    .isNull();
        } finally {
            TestInfrastructure.WECHAT_PAY.removeStub(down);
        }
        // the ledger already shows the refund owed; the gateway is asked again when due
        assertThat(balance("REFUNDS", scene.community)).isEqualTo(2000);
        assertThat(query(
                        "select (gateway_due_at is not null)::text from payment where order_id = ?",
                        UUID.fromString(order)))
                .isEqualTo("true");
        clock.advance(PaymentService.GATEWAY_RETRY.plusSeconds(1));
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo))
                .isEqualTo(2000L);
        assertThat(query(
                        "select (gateway_due_at is null)::text from payment where order_id = ?",
                        UUID.fromString(order)))
                .isEqualTo("true");
        assertBalanced(scene.community);
    }

    @Test
    void aReplayedNotificationAndABadSignatureChangeNothing() {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 6000).expectStatus().isOk();
        String outTradeNo = Payment.outTradeNoOf(UUID.fromString(order));
        WebhookRequest paid = TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(outTradeNo, clock.instant());

        WebhookRequest forged =
                WechatPayMessages.signedWebhook(paid.body(), clock.instant(), TestKeys.STRANGER.getPrivate());
        notify(forged)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unauthenticated");
        // read in the database: asking the api would look the payment up with WeChat Pay, which knows it is paid
        assertThat(query("select state from payment where order_id = ?", UUID.fromString(order)))
                .isEqualTo("PENDING");
        assertThat(postings(order)).isEqualTo(1);

        notify(paid).expectStatus().is2xxSuccessful();
        assertThat(postings(order)).isEqualTo(2);
        long escrow = balance("ESCROW", scene.community);
        notify(paid).expectStatus().is2xxSuccessful();
        assertThat(postings(order)).isEqualTo(2);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(escrow);
        assertBalanced(scene.community);
    }

    @Test
    void twentyConcurrentNotificationsAndQueriesSettleTheOnlinePartOnce() throws Exception {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 6000).expectStatus().isOk();
        String outTradeNo = Payment.outTradeNoOf(UUID.fromString(order));
        List<WebhookRequest> notifications = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // each a new notification id (WeChat Pay redelivers with new ones too)
            notifications.add(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(outTradeNo, clock.instant()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WebhookRequest n = i % 2 == 0 ? notifications.get(i / 2) : null;
            results.add(pool.submit(() -> {
                start.await();
                return (n != null ? notify(n) : payment0(order))
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).allMatch(s -> s >= 200 && s < 300);
        payment(order).expectBody().jsonPath("$.state").isEqualTo("HELD");
        assertThat(postings(order)).isEqualTo(2);
        assertThat(balance("ESCROW", scene.community)).isEqualTo(12000);
        assertThat(balance("EXTERNAL", scene.community)).isEqualTo(-2000);
        assertBalanced(scene.community);
    }

    @Test
    void theAllowanceStartsAfreshEachCalendarMonthInChinaTime() {
        java.time.Instant before = clock.instant();
        try {
            clock.set(java.time.Instant.parse("2026-11-30T15:00:00Z")); // 23:00 on 30 November in China
            pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
            quote(scene.orderCleaningNow()).expectBody().json("{\"subsidyFen\":4000,\"onlineFen\":2000}");
            // still 30 November in UTC, but 1 December in China: a new month's allowance
            clock.set(java.time.Instant.parse("2026-11-30T16:30:00Z"));
            String december = scene.orderCleaningNow();
            quote(december).expectBody().json("{\"subsidyFen\":6000,\"onlineFen\":0}");
            pay(scene.family, december, 6000).expectStatus().isOk();
            assertThat(query(
                            "select used_fen::text from subsidy_allowance where elder_id = ? and month = '2026-12-01'",
                            scene.elder))
                    .isEqualTo("6000");
            assertThat(allowanceUsed()).isEqualTo(12000);
        } finally {
            clock.set(before);
        }
    }

    @Test
    void theOperatorSetsTheMonthlyAmountTheCommunitysWorkersAndTheOfficialReadIt() {
        scene.worker
                .get()
                .uri("/api/v1/communities/{c}/subsidy-policy", scene.community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"monthlyFen\":10000,\"communityDefault\":true}");
        WebTestClient official = fixtures.official(scene.community);
        official.get()
                .uri("/api/v1/communities/{c}/subsidy-policy", scene.community)
                .exchange()
                .expectStatus()
                .isOk();
        policy(official, 5000).expectStatus().isForbidden();
        policy(scene.worker, 5000).expectStatus().isForbidden();
        policy(scene.operator, 7000)
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"monthlyFen\":7000,\"communityDefault\":false,\"eligibleElders\":1}")
                .jsonPath("$.updatedByName")
                .isNotEmpty();
        policy(scene.operator, -1)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("monthlyFen");
        policy(scene.operator, 5000)
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"monthlyFen\":5000,\"communityDefault\":false}");
        String order = scene.orderCleaningNow();
        quote(order).expectBody().json("{\"subsidyFen\":5000,\"onlineFen\":1000,\"totalFen\":6000}");
        pay(scene.family, order, 6000).expectBody().jsonPath("$.subsidyFen").isEqualTo(5000);
        assertThat(allowanceUsed()).isEqualTo(5000);
    }

    private WebTestClient.ResponseSpec policy(WebTestClient who, long monthlyFen) {
        return who.put()
                .uri("/api/v1/communities/{c}/subsidy-policy", scene.community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("monthlyFen", monthlyFen))
                .exchange();
    }

    @Test
    void aTotalOtherThanTheQuotesIsRefusedNamingTheField() {
        String order = scene.orderCleaningNow();
        pay(scene.family, order, 5999)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("expectedTotalFen");
        assertThat(allowanceUsed()).isEqualTo(0);
        payment0(order).expectStatus().isNotFound();
    }

    @Test
    void twoOrdersRacingForTheLastOfTheAllowanceNeverExceedIt() throws Exception {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        List<String> orders = List.of(scene.orderCleaningNow(), scene.orderCleaningNow());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<?, ?>>> results = new ArrayList<>();
        for (String order : orders) {
            results.add(pool.submit(() -> {
                start.await();
                return pay(scene.family, order, 6000)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
            }));
        }
        start.countDown();
        List<Long> subsidies = new ArrayList<>();
        for (Future<Map<?, ?>> result : results) {
            subsidies.add(((Number) result.get(60, TimeUnit.SECONDS).get("subsidyFen")).longValue());
        }
        pool.shutdown();
        // the one first to the allowance takes the 4000 left; the other pays all online
        assertThat(subsidies).containsExactlyInAnyOrder(4000L, 0L);
        assertThat(allowanceUsed()).isEqualTo(10000);
        assertThat(balance("SUBSIDY_FUND", scene.community)).isEqualTo(-10000);
        assertBalanced(scene.community);
    }

    @Test
    void payingOneOrderTenTimesAtOnceOpensOnePayment() throws Exception {
        pay(scene.family, scene.orderCleaningNow(), 6000).expectStatus().isOk();
        String order = scene.orderCleaningNow();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<?, ?>>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return pay(scene.family, order, 6000)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
            }));
        }
        start.countDown();
        List<Object> prepayIds = new ArrayList<>();
        for (Future<Map<?, ?>> result : results) {
            Map<?, ?> paid = result.get(60, TimeUnit.SECONDS);
            assertThat(paid.get("subsidyFen")).isEqualTo(4000);
            prepayIds.add(((Map<?, ?>) paid.get("appPayment")).get("prepayId"));
        }
        pool.shutdown();
        assertThat(prepayIds.stream().distinct()).hasSize(1);
        assertThat(allowanceUsed()).isEqualTo(10000);
        assertThat(postings(order)).isEqualTo(1);
        assertBalanced(scene.community);
    }

    @Test
    void aWorkerPaysAPhoneInOrderOnlyWhenTheSubsidyCoversIt() {
        Map<String, Object> body = new HashMap<>(Map.of(
                "elderId", scene.elder.toString(), "service", "CLEANING", "durationMinutes", 90, "settlement", "PAID"));
        String covered = placeAsWorker(body);
        pay(scene.worker, covered, 6000)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("HELD");
        String notCovered = placeAsWorker(body);
        pay(scene.worker, notCovered, 6000).expectStatus().isEqualTo(422);
        assertThat(allowanceUsed()).isEqualTo(6000);
        payment0(notCovered).expectStatus().isNotFound();
    }

    // --- HTTP

    private WebTestClient.BodyContentSpec earnings(DispatchScene.Provider provider) {
        String month = java.time.YearMonth.from(clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")))
                .toString();
        return provider.client()
                .get()
                .uri("/api/v1/providers/me/earnings?month={m}", month)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    private WebTestClient.ResponseSpec quote(String orderId) {
        return scene.family.get().uri("/api/v1/orders/{id}/quote", orderId).exchange();
    }

    private WebTestClient.ResponseSpec pay(WebTestClient who, String orderId, long expectedTotalFen) {
        return who.post()
                .uri("/api/v1/orders/{id}/payment", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("expectedTotalFen", expectedTotalFen))
                .exchange();
    }

    private WebTestClient.ResponseSpec payment0(String orderId) {
        return scene.family.get().uri("/api/v1/orders/{id}/payment", orderId).exchange();
    }

    private WebTestClient.ResponseSpec payment(String orderId) {
        return payment0(orderId).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec cancel(String orderId) {
        return scene.family
                .post()
                .uri("/api/v1/orders/{id}/cancellation", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人住院了"))
                .exchange();
    }

    private WebTestClient.ResponseSpec notify(WebhookRequest n) {
        return http.post()
                .uri("/api/v1/payments/wechat/notify")
                .contentType(MediaType.APPLICATION_JSON)
                // as WeChat Pay may send it
                .accept(MediaType.APPLICATION_JSON)
                .header("Wechatpay-Serial", n.serial())
                .header("Wechatpay-Signature", n.signature())
                .header("Wechatpay-Signature-Type", n.signatureType())
                .header("Wechatpay-Nonce", n.nonce())
                .header("Wechatpay-Timestamp", n.timestamp())
                .bodyValue(n.body())
                .exchange();
    }

    private String placeAsWorker(Map<String, Object> body) {
        return scene.worker
                .post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    private String lastOrder() {
        return query(
                "select id::text from service_order where elder_id = ? order by placed_at desc limit 1", scene.elder);
    }

    // --- the database, scoped to this test's community and elder

    private long balance(String kind, UUID holder) {
        return Long.parseLong(query(
                "select coalesce(sum(l.amount_fen), 0)::text from money_account a"
                        + " left join money_leg l on l.account_id = a.id where a.kind = '" + kind
                        + "' and a.holder_id = ?",
                holder));
    }

    private long allowanceUsed() {
        return Long.parseLong(query(
                "select coalesce(sum(used_fen), 0)::text from subsidy_allowance where elder_id = ?", scene.elder));
    }

    private long postings(String orderId) {
        return Long.parseLong(
                query("select count(*)::text from money_posting where order_id = ?", UUID.fromString(orderId)));
    }
}
