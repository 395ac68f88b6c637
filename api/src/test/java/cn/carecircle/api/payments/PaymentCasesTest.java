package cn.carecircle.api.payments;

import static cn.carecircle.api.payments.PaymentsDatabase.assertBalanced;
import static cn.carecircle.api.payments.PaymentsDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.DispatchScene;
import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.support.TestInfrastructure;
import cn.carecircle.payments.WebhookRequest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Refunds WeChat Pay declines, over HTTP against PostgreSQL with the WeChat Pay simulator on WireMock: the refund of
 * a cancelled order is declined ({@code 403 USER_ACCOUNT_ABNORMAL}, the family's WeChat account cannot receive it)
 * once right after the cancellation and again by background work, which opens a case for the community's workers.
 * They retry it or record it settled offline; the money ledger stays balanced either way.
 */
class PaymentCasesTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    @Autowired
    private BackgroundWorker jobs;

    private DispatchScene scene;
    private final List<StubMapping> declining = new ArrayList<>();

    @BeforeEach
    void setUp() {
        scene = DispatchScene.create(this);
        // the first order takes the whole allowance but 4000; every later one is paid online in part or in full
        pay(scene.orderCleaningNow()).expectStatus().isOk();
    }

    @AfterEach
    void gatewayAcceptsAgain() {
        declining.forEach(TestInfrastructure.WECHAT_PAY::removeStub);
    }

    @Test
    void aDeclinedRefundOpensACaseTheCommunitySeesAndIsNotAskedAgainOnItsOwn() {
        String order = declinedRefund();

        Map<?, ?> listed = single(list(scene.worker, "OPEN"));
        assertThat(listed.get("orderId")).isEqualTo(order);
        assertThat(listed.get("action")).isEqualTo("REFUND");
        assertThat(listed.get("service")).isEqualTo("CLEANING");
        assertThat(((Number) listed.get("amountFen")).longValue()).isEqualTo(2000);
        assertThat(listed.get("gatewayCode")).isEqualTo("USER_ACCOUNT_ABNORMAL");
        assertThat(listed.get("gatewayMessage")).isEqualTo("用户账户异常");
        assertThat(listed.get("status")).isEqualTo("OPEN");
        assertThat((String) listed.get("elderMaskedName")).contains("*");
        // the district official reads the queue too
        assertThat(list(fixtures.official(scene.community), "OPEN")).hasSize(1);
        assertThat(refundState(order)).isEqualTo("DECLINED");

        // nobody asks the gateway again until a worker says so
        clock.advance(Duration.ofHours(2));
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo(order)))
                .isNull();
        assertThat(list(scene.worker, "OPEN")).hasSize(1);
        // the ledger already shows what the family is owed back through WeChat Pay
        assertThat(balance("REFUNDS")).isEqualTo(2000);
        assertBalanced(scene.community);
    }

    @Test
    void aRetryDeclinedAgainOpensANewCaseAndOneAcceptedRefundsOnceWithNothingPosted() {
        String order = declinedRefund();
        String first = (String) single(list(scene.worker, "OPEN")).get("id");

        retry(scene.worker, first)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("RETRIED")
                .jsonPath("$.retryOutcome")
                .isEqualTo("DECLINED")
                .jsonPath("$.resolvedByName")
                .isEqualTo("王秀兰");
        String second = (String) single(list(scene.worker, "OPEN")).get("id");
        assertThat(second).isNotEqualTo(first);

        // the family's account was fixed
        gatewayAcceptsAgain();
        retry(scene.worker, second)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("RETRIED")
                .jsonPath("$.retryOutcome")
                .isEqualTo("ACCEPTED");
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo(order)))
                .isEqualTo(2000L);
        assertThat(list(scene.worker, "OPEN")).isEmpty();
        assertThat(list(scene.worker, "RETRIED")).hasSize(2);
        assertThat(refundState(order)).isEqualTo("PROCESSING");
        assertThat(query(
                        "select (gateway_due_at is null)::text from payment where order_id = ?",
                        UUID.fromString(order)))
                .isEqualTo("true");
        assertThat(balance("REFUNDS")).isEqualTo(2000);
        assertThat(balance("OFFLINE_REFUNDS")).isZero();
        assertBalanced(scene.community);
    }

    @Test
    void settlingOfflineMovesTheRefundToOfflineRefundsAuditedAndTheGatewayIsNeverAskedAgain() {
        String order = declinedRefund();
        String id = (String) single(list(scene.worker, "OPEN")).get("id");

        settle(scene.worker, id, Map.of("reason", "家属微信账户已注销，社区以现金退还并签收", "reference", "收据 2026-118"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SETTLED_OFFLINE")
                .jsonPath("$.reason")
                .isEqualTo("家属微信账户已注销，社区以现金退还并签收")
                .jsonPath("$.reference")
                .isEqualTo("收据 2026-118")
                .jsonPath("$.resolvedAt")
                .isNotEmpty()
                .jsonPath("$.resolvedByName")
                .isEqualTo("王秀兰");
        String worker = (String) scene.worker
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("accountId");
        assertThat(query(
                        "select actor_account_id::text || '|' || reason from audit_event"
                                + " where action = 'PAYMENT_SETTLED_OFFLINE' and subject_id = ?",
                        UUID.fromString(order)))
                .isEqualTo(worker + "|家属微信账户已注销，社区以现金退还并签收");
        assertThat(balance("REFUNDS")).isZero();
        assertThat(balance("OFFLINE_REFUNDS")).isEqualTo(2000);
        assertThat(balance("ESCROW")).isEqualTo(6000);
        assertThat(refundState(order)).isEqualTo("OFFLINE");
        assertBalanced(scene.community);

        // handled: neither the gateway nor a second worker can act on it again
        gatewayAcceptsAgain();
        clock.advance(Duration.ofHours(2));
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo(order)))
                .isNull();
        retry(scene.worker, id)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "payment-case-handled");
        assertThat(list(scene.worker, "SETTLED_OFFLINE")).hasSize(1);
        assertThat(balance("OFFLINE_REFUNDS")).isEqualTo(2000);
    }

    @Test
    void anOfflineSettlementWithoutAReasonIsRefusedNamingTheField() {
        declinedRefund();
        String id = (String) single(list(scene.worker, "OPEN")).get("id");

        for (Map<String, Object> body :
                List.<Map<String, Object>>of(Map.of(), Map.of("reason", "x"), Map.of("reason", "x".repeat(501)))) {
            settle(scene.worker, id, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "validation-failed")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("reason");
        }
        settle(scene.worker, id, Map.of("reason", "    "))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-blank");
        assertThat(list(scene.worker, "OPEN")).hasSize(1);
        assertThat(balance("OFFLINE_REFUNDS")).isZero();
    }

    @Test
    void aWorkerOfAnotherCommunityAndTheDistrictOfficialCannotActOnIt() {
        declinedRefund();
        String id = (String) single(list(scene.worker, "OPEN")).get("id");
        WebTestClient stranger = fixtures.worker(fixtures.community());

        stranger.get()
                .uri("/api/v1/communities/{c}/payment-cases", scene.community)
                .exchange()
                .expectStatus()
                .isNotFound();
        retry(stranger, id).expectStatus().isNotFound();
        settle(stranger, id, Map.of("reason", "已线下退款")).expectStatus().isNotFound();
        WebTestClient official = fixtures.official(scene.community);
        retry(official, id).expectStatus().isForbidden();
        settle(official, id, Map.of("reason", "已线下退款")).expectStatus().isForbidden();

        assertThat(single(list(scene.worker, "OPEN")).get("id")).isEqualTo(id);
        assertThat(balance("OFFLINE_REFUNDS")).isZero();
    }

    @Test
    void twoWorkersActingOnTheSameCaseAtOnceOneWinsTheOtherGetsPaymentCaseHandled() throws Exception {
        WebTestClient colleague = fixtures.worker(scene.community);
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            declinedRefund();
            String id = (String) single(list(scene.worker, "OPEN")).get("id");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (WebTestClient worker : List.of(scene.worker, colleague)) {
                results.add(pool.submit(() -> {
                    start.await();
                    var result = settle(worker, id, Map.of("reason", "社区以现金退还"))
                            .expectBody(Map.class)
                            .returnResult();
                    Map<String, Object> outcome = new HashMap<>();
                    outcome.put("status", result.getStatus().value());
                    outcome.put("type", result.getResponseBody().get("type"));
                    return outcome;
                }));
            }
            start.countDown();
            List<Map<String, Object>> outcomes = new ArrayList<>();
            for (Future<Map<String, Object>> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(outcomes.stream().filter(o -> o.get("status").equals(200)))
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> o.get("status").equals(409)))
                    .singleElement()
                    .extracting(o -> o.get("type"))
                    .isEqualTo(PROBLEMS + "payment-case-handled");
            // posted once, by the winner
            assertThat(balance("OFFLINE_REFUNDS")).isEqualTo(2000L * (round + 1));
            assertBalanced(scene.community);
        }
        assertThat(list(scene.worker, "SETTLED_OFFLINE")).hasSize(rounds);
    }

    // --- a declined refund

    /**
     * An order whose 2000 fen online part was paid, then cancelled: WeChat Pay declines the refund right after the
     * cancellation and again when background work asks a minute later, which opens the case. Returns the order id.
     */
    @Test
    void aClosingDeclinedAsAlreadyPaidOpensNoCaseTheFamilyIsRefunded() {
        String order = scene.orderCleaningNow();
        pay(order).expectStatus().isOk();
        // the family pays at WeChat Pay, but its notification never arrives
        String outTradeNo = Payment.outTradeNoOf(UUID.fromString(order));
        TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(outTradeNo, clock.instant());
        // so the cancellation asks WeChat Pay to close a payment it has already taken: ORDERPAID
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人住院了"))
                .exchange()
                .expectStatus()
                .isOk();
        clock.advance(PaymentService.GATEWAY_RETRY.plusSeconds(1));
        jobs.drain().block(Duration.ofSeconds(60));

        // not a case for a person: the payment is looked up, settled as paid, and refunded
        assertThat(list(scene.worker, "OPEN")).isEmpty();
        scene.family
                .get()
                .uri("/api/v1/orders/{id}/payment", order)
                .exchange()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("REFUNDED");
        clock.advance(Duration.ofHours(1));
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo(order)))
                .isEqualTo(2000L);
        assertThat(balance("REFUNDS")).isEqualTo(2000);
        assertBalanced(scene.community);
    }

    @Test
    void aClosingCaseOfAPaymentThatWasPaidMeanwhileCannotBeSettledAsAClosing() {
        String order = scene.orderCleaningNow();
        pay(order).expectStatus().isOk();
        String outTradeNo = Payment.outTradeNoOf(UUID.fromString(order));
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人住院了"))
                .exchange()
                .expectStatus()
                .isOk();
        // WeChat Pay refuses to close it for a reason a person must look into
        declining.add(TestInfrastructure.WECHAT_PAY.stubFor(
                WireMock.post(WireMock.urlPathEqualTo("/v3/pay/transactions/out-trade-no/" + outTradeNo + "/close"))
                        .atPriority(1)
                        .willReturn(WechatPayMessages.error(403, "NO_AUTH", "商户无权限"))));
        clock.advance(PaymentService.GATEWAY_RETRY.plusSeconds(1));
        jobs.drain().block(Duration.ofSeconds(60));
        Map<?, ?> closing = single(list(scene.worker, "OPEN"));
        assertThat(closing.get("action")).isEqualTo("CLOSE");

        // meanwhile the family's payment arrives: the payment moves on to a refund
        notify(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(outTradeNo, clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        settle(scene.worker, closing.get("id").toString(), Map.of("reason", "未收到款项，无需关闭"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains("changed"));
        retry(scene.worker, closing.get("id").toString()).expectStatus().isEqualTo(409);

        // the refund was not stopped: it goes out
        declining.forEach(TestInfrastructure.WECHAT_PAY::removeStub);
        declining.clear();
        clock.advance(Duration.ofHours(1));
        jobs.drain().block(Duration.ofSeconds(60));
        assertThat(TestInfrastructure.WECHAT_PAY_SIMULATOR.refunded(outRefundNo(order)))
                .isEqualTo(2000L);
        assertBalanced(scene.community);
    }

    private String declinedRefund() {
        String order = scene.orderCleaningNow();
        pay(order).expectStatus().isOk();
        long online = ((Number) scene.family
                        .get()
                        .uri("/api/v1/orders/{id}/payment", order)
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("onlineFen"))
                .longValue();
        // the subsidy takes the 4000 left of the allowance (a cancellation gives them back), the family pays 2000
        assertThat(online).isEqualTo(2000);
        notify(TestInfrastructure.WECHAT_PAY_SIMULATOR.pay(
                        Payment.outTradeNoOf(UUID.fromString(order)), clock.instant()))
                .expectStatus()
                .is2xxSuccessful();
        declining.add(TestInfrastructure.WECHAT_PAY.stubFor(
                WireMock.post(WireMock.urlPathEqualTo("/v3/refund/domestic/refunds"))
                        .withRequestBody(WireMock.containing(outRefundNo(order)))
                        .atPriority(1)
                        .willReturn(WechatPayMessages.error(403, "USER_ACCOUNT_ABNORMAL", "用户账户异常"))));
        scene.family
                .post()
                .uri("/api/v1/orders/{id}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人住院了"))
                .exchange()
                .expectStatus()
                .isOk();
        clock.advance(PaymentService.GATEWAY_RETRY.plusSeconds(1));
        jobs.drain().block(Duration.ofSeconds(60));
        return order;
    }

    // --- HTTP

    private List<Map<?, ?>> list(WebTestClient who, String status) {
        Map<?, ?> body = who.get()
                .uri("/api/v1/communities/{c}/payment-cases?status={s}", scene.community, status)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> items = (List<Map<?, ?>>) body.get("items");
        return items;
    }

    private static Map<?, ?> single(List<Map<?, ?>> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private WebTestClient.ResponseSpec retry(WebTestClient who, String caseId) {
        return who.post().uri("/api/v1/payment-cases/{id}/retry", caseId).exchange();
    }

    private WebTestClient.ResponseSpec settle(WebTestClient who, String caseId, Map<String, Object> body) {
        return who.post()
                .uri("/api/v1/payment-cases/{id}/offline-settlement", caseId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec pay(String orderId) {
        return scene.family
                .post()
                .uri("/api/v1/orders/{id}/payment", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("expectedTotalFen", 6000))
                .exchange();
    }

    private WebTestClient.ResponseSpec notify(WebhookRequest n) {
        return http.post()
                .uri("/api/v1/payments/wechat/notify")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Wechatpay-Serial", n.serial())
                .header("Wechatpay-Signature", n.signature())
                .header("Wechatpay-Signature-Type", n.signatureType())
                .header("Wechatpay-Nonce", n.nonce())
                .header("Wechatpay-Timestamp", n.timestamp())
                .bodyValue(n.body())
                .exchange();
    }

    private static String outRefundNo(String order) {
        return Payment.outRefundNoOf(UUID.fromString(order));
    }

    // --- the database, scoped to this test's community

    private String refundState(String order) {
        return query("select refund_state from payment where order_id = ?", UUID.fromString(order));
    }

    private long balance(String kind) {
        return Long.parseLong(query(
                "select coalesce(sum(l.amount_fen), 0)::text from money_account a"
                        + " left join money_leg l on l.account_id = a.id where a.kind = '" + kind
                        + "' and a.holder_id = ?",
                scene.community));
    }
}
