package cn.carecircle.payments.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.payments.CreatePaymentCommand;
import cn.carecircle.payments.InMemoryNotificationDeduplicator;
import cn.carecircle.payments.InvalidPaymentRequestException;
import cn.carecircle.payments.NotificationResult;
import cn.carecircle.payments.PaymentEvent;
import cn.carecircle.payments.PaymentServiceException;
import cn.carecircle.payments.PaymentState;
import cn.carecircle.payments.PaymentTransportException;
import cn.carecircle.payments.ProfitSharingCommand;
import cn.carecircle.payments.ProfitSharingState;
import cn.carecircle.payments.ReceiverType;
import cn.carecircle.payments.RefundCommand;
import cn.carecircle.payments.RefundState;
import cn.carecircle.payments.RetryPolicy;
import cn.carecircle.payments.UnverifiableMessageException;
import cn.carecircle.payments.UnverifiableMessageException.Reason;
import cn.carecircle.payments.WebhookRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The WeChat Pay adapter against WireMock: each family of answer, signature, time-out and notification. */
class WechatPayGatewayWireMockTest {

    private static final String AUTHORIZATION = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + TestKeys.MERCHANT_ID
            + "\",.*serial_no=\"" + TestKeys.MERCHANT_SERIAL + "\".*";
    private static final String PREPAY = "/v3/pay/transactions/app";
    private static final String REFUNDS = "/v3/refund/domestic/refunds";
    /** Tiny and bounded so that retry tests take milliseconds, never a sleep. */
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0.5);

    private final Instant now = Instant.now();
    private WireMockServer wireMock;
    private WechatPayGateway gateway;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().dynamicPort());
        wireMock.start();
        gateway = gateway(WechatPayGatewayTestSupport.config(wireMock.baseUrl()), FAST_RETRIES);
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    private WechatPayGateway gateway(WechatPayConfig config, RetryPolicy retries) {
        return new WechatPayGateway(
                config, retries, new InMemoryNotificationDeduplicator(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static CreatePaymentCommand payment() {
        return new CreatePaymentCommand("CC20261123000001", "上门助餐 30 分钟", 1500, null, true);
    }

    private static RefundCommand refund() {
        return new RefundCommand("RF20261123000001", "CC20261123000001", 1500, 1500, "订单取消");
    }

    private static Consumer<Throwable> unverifiable(Reason reason) {
        return e -> assertThat(e)
                .isInstanceOfSatisfying(
                        UnverifiableMessageException.class,
                        u -> assertThat(u.reason()).isEqualTo(reason));
    }

    // ---- requests and responses

    @Test
    void creatingAnAppPaymentSendsASignedRequestAndReturnsSignedAppParameters() {
        wireMock.stubFor(post(PREPAY).willReturn(WechatPayMessages.signed(200, "{\"prepay_id\":\"wx2311\"}")));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .assertNext(app -> {
                    assertThat(app.prepayId()).isEqualTo("wx2311");
                    assertThat(app.appId()).isEqualTo(TestKeys.APP_ID);
                    assertThat(app.partnerId()).isEqualTo(TestKeys.MERCHANT_ID);
                    String signed =
                            app.appId() + "\n" + app.timestamp() + "\n" + app.nonceStr() + "\n" + app.prepayId() + "\n";
                    assertThat(TestKeys.verify(TestKeys.MERCHANT.getPublic(), signed, app.sign()))
                            .isTrue();
                })
                .verifyComplete();

        wireMock.verify(
                1,
                postRequestedFor(urlEqualTo(PREPAY))
                        .withHeader("Authorization", matching(AUTHORIZATION))
                        .withHeader("Wechatpay-Serial", equalTo(TestKeys.PUBLIC_KEY_ID))
                        .withRequestBody(matchingJsonPath("$.out_trade_no", equalTo("CC20261123000001")))
                        .withRequestBody(matchingJsonPath("$.amount.total", equalTo("1500")))
                        .withRequestBody(matchingJsonPath("$.mchid", equalTo(TestKeys.MERCHANT_ID)))
                        .withRequestBody(matchingJsonPath("$.settle_info.profit_sharing", equalTo("true")))
                        .withRequestBody(matchingJsonPath(
                                "$.notify_url", equalTo("https://carecircle.example.cn/payments/wechat/notify"))));
    }

    @Test
    void theRequestSignatureCoversMethodPathTimestampNonceAndBody() {
        wireMock.stubFor(post(PREPAY).willReturn(WechatPayMessages.signed(200, "{\"prepay_id\":\"wx2311\"}")));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .expectNextCount(1)
                .verifyComplete();

        LoggedRequest sent =
                wireMock.findAll(postRequestedFor(urlEqualTo(PREPAY))).get(0);
        String authorization = sent.getHeader("Authorization");
        String nonce = field(authorization, "nonce_str");
        String timestamp = field(authorization, "timestamp");
        String message = "POST\n" + PREPAY + "\n" + timestamp + "\n" + nonce + "\n" + sent.getBodyAsString() + "\n";
        assertThat(TestKeys.verify(TestKeys.MERCHANT.getPublic(), message, field(authorization, "signature")))
                .isTrue();
    }

    private static String field(String authorization, String name) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(authorization);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    @Test
    void queryingAPaidPaymentReadsItsStateTransactionAndTime() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/pay/transactions/out-trade-no/CC20261123000001"))
                .willReturn(WechatPayMessages.signed(
                        200,
                        WechatPayMessages.transactionJson(
                                "CC20261123000001", "4200000000000000000000000001", 1500, "SUCCESS"))));

        gateway.queryPayment("CC20261123000001")
                .as(StepVerifier::create)
                .assertNext(s -> {
                    assertThat(s.state()).isEqualTo(PaymentState.PAID);
                    assertThat(s.transactionId()).isEqualTo("4200000000000000000000000001");
                    assertThat(s.totalFen()).isEqualTo(1500);
                    assertThat(s.paidAt()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
                })
                .verifyComplete();
        wireMock.verify(getRequestedFor(
                        urlEqualTo("/v3/pay/transactions/out-trade-no/CC20261123000001?mchid=" + TestKeys.MERCHANT_ID))
                .withHeader("Authorization", matching(AUTHORIZATION)));
    }

    @Test
    void closingAPaymentAcceptsTheEmptySignedAnswer() {
        wireMock.stubFor(post("/v3/pay/transactions/out-trade-no/CC20261123000001/close")
                .willReturn(WechatPayMessages.signed(204, "")));

        gateway.closePayment("CC20261123000001").as(StepVerifier::create).verifyComplete();

        wireMock.verify(postRequestedFor(urlEqualTo("/v3/pay/transactions/out-trade-no/CC20261123000001/close"))
                .withRequestBody(matchingJsonPath("$.mchid", equalTo(TestKeys.MERCHANT_ID))));
    }

    @Test
    void aRefundSendsAmountsInFenAndReadsTheProcessingRefund() {
        wireMock.stubFor(post(REFUNDS)
                .willReturn(WechatPayMessages.signed(
                        200,
                        WechatPayMessages.refundJson(
                                "RF20261123000001", "CC20261123000001", "50300001", 1500, 1500, "PROCESSING"))));

        gateway.refund(refund())
                .as(StepVerifier::create)
                .assertNext(r -> {
                    assertThat(r.refundId()).isEqualTo("50300001");
                    assertThat(r.state()).isEqualTo(RefundState.PROCESSING);
                    assertThat(r.refundFen()).isEqualTo(1500);
                })
                .verifyComplete();
        wireMock.verify(postRequestedFor(urlEqualTo(REFUNDS))
                .withRequestBody(matchingJsonPath("$.out_refund_no", equalTo("RF20261123000001")))
                .withRequestBody(matchingJsonPath("$.amount.refund", equalTo("1500")))
                .withRequestBody(matchingJsonPath("$.amount.total", equalTo("1500")))
                .withRequestBody(matchingJsonPath("$.amount.currency", equalTo("CNY"))));
    }

    @Test
    void profitSharingSendsTheReceiverAndReadsItsResult() {
        wireMock.stubFor(post("/v3/profitsharing/orders")
                .willReturn(WechatPayMessages.signed(
                        200,
                        "{\"transaction_id\":\"4200000000000000000000000001\",\"out_order_no\":\"PS1\","
                                + "\"order_id\":\"3008450740201411110007820472\",\"state\":\"FINISHED\","
                                + "\"receivers\":[{\"amount\":1000,\"description\":\"服务费结算\",\"type\":\"MERCHANT_ID\","
                                + "\"account\":\"1900000109\",\"result\":\"SUCCESS\"}]}")));

        gateway.shareProfit(new ProfitSharingCommand(
                        "PS1",
                        "4200000000000000000000000001",
                        ReceiverType.MERCHANT_ID,
                        "1900000109",
                        1000,
                        "服务费结算",
                        true))
                .as(StepVerifier::create)
                .assertNext(r -> {
                    assertThat(r.state()).isEqualTo(ProfitSharingState.SUCCESS);
                    assertThat(r.orderId()).isEqualTo("3008450740201411110007820472");
                    assertThat(r.amountFen()).isEqualTo(1000);
                })
                .verifyComplete();
        wireMock.verify(postRequestedFor(urlEqualTo("/v3/profitsharing/orders"))
                .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo("1900000109")))
                .withRequestBody(matchingJsonPath("$.receivers[0].amount", equalTo("1000")))
                .withRequestBody(matchingJsonPath("$.unfreeze_unsplit", equalTo("true"))));
    }

    // ---- declined, invalid

    @Test
    void aRefundDeclinedForLackOfFundsIsAServiceErrorWithCodeStatusAndRequestIdAndIsNotRetried() {
        wireMock.stubFor(post(REFUNDS).willReturn(WechatPayMessages.error(403, "NOT_ENOUGH", "基本账户余额不足")));

        gateway.refund(refund())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(PaymentServiceException.class, s -> {
                    assertThat(s.httpStatus()).isEqualTo(403);
                    assertThat(s.code()).isEqualTo("NOT_ENOUGH");
                    assertThat(s.providerMessage()).isEqualTo("基本账户余额不足");
                    assertThat(s.requestId()).startsWith("08F78BB5AF0610D302-");
                    assertThat(s.isDeclined()).isTrue();
                }));
        wireMock.verify(1, postRequestedFor(urlEqualTo(REFUNDS)));
    }

    @Test
    void aParameterErrorIsDeclinedAndNotRetried() {
        wireMock.stubFor(post(PREPAY).willReturn(WechatPayMessages.error(400, "PARAM_ERROR", "参数错误")));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(PaymentServiceException.class, s -> {
                    assertThat(s.code()).isEqualTo("PARAM_ERROR");
                    assertThat(s.isTransient()).isFalse();
                }));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PREPAY)));
    }

    @Test
    void anInvalidOutTradeNoIsRejectedWithoutSendingAnything() {
        gateway.queryPayment("短").as(StepVerifier::create).verifyError(InvalidPaymentRequestException.class);

        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    // ---- transport, retries

    @Test
    void aTimeOutIsATransportFailureRetriedWithTheSameOutTradeNo() {
        wireMock.stubFor(post(PREPAY)
                .willReturn(
                        WechatPayMessages.signed(200, "{\"prepay_id\":\"wx1\"}").withFixedDelay(1500)));
        WechatPayGateway impatient = gateway(
                WechatPayGatewayTestSupport.config(wireMock.baseUrl(), Duration.ofMillis(150), TestKeys.API_V3_KEY),
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(2), 0.5));

        impatient
                .createAppPayment(payment())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                PaymentTransportException.class,
                                t -> assertThat(t.isTimeout()).isTrue()));
        wireMock.verify(
                2,
                postRequestedFor(urlEqualTo(PREPAY))
                        .withRequestBody(matchingJsonPath("$.out_trade_no", equalTo("CC20261123000001"))));
    }

    @Test
    void anUnreachableServerIsATransportFailureThatIsNotATimeOut() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WechatPayGateway nowhere =
                gateway(WechatPayGatewayTestSupport.config("http://localhost:" + closedPort), RetryPolicy.none());

        nowhere.queryPayment("CC20261123000001")
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                PaymentTransportException.class,
                                t -> assertThat(t.isTimeout()).isFalse()));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameOutRefundNoUntilTheRefundSucceeds() {
        wireMock.stubFor(post(REFUNDS)
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(WechatPayMessages.error(500, "SYSTEM_ERROR", "系统错误"))
                .willSetStateTo("second"));
        wireMock.stubFor(post(REFUNDS)
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(WechatPayMessages.error(429, "FREQUENCY_LIMITED", "频率超限"))
                .willSetStateTo("third"));
        wireMock.stubFor(post(REFUNDS)
                .inScenario("flaky")
                .whenScenarioStateIs("third")
                .willReturn(WechatPayMessages.signed(
                        200,
                        WechatPayMessages.refundJson(
                                "RF20261123000001", "CC20261123000001", "50300001", 1500, 1500, "PROCESSING"))));

        gateway.refund(refund())
                .map(r -> r.refundId())
                .as(StepVerifier::create)
                .expectNext("50300001")
                .verifyComplete();

        List<LoggedRequest> sent = wireMock.findAll(postRequestedFor(urlEqualTo(REFUNDS)));
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"out_refund_no\":\"RF20261123000001\""));
        assertThat(sent)
                .extracting(LoggedRequest::getBodyAsString)
                .containsOnly(sent.get(0).getBodyAsString());
    }

    @Test
    void retriesStopAfterTheConfiguredAttemptsAndReportTheLastServerError() {
        wireMock.stubFor(post(REFUNDS).willReturn(WechatPayMessages.error(503, "SYSTEM_ERROR", "系统繁忙")));

        gateway.refund(refund())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                PaymentServiceException.class,
                                s -> assertThat(s.httpStatus()).isEqualTo(503)));
        wireMock.verify(1 + FAST_RETRIES.maxRetries(), postRequestedFor(urlEqualTo(REFUNDS)));
    }

    @Test
    void aNonJsonErrorPageIsMalformedAndRetriedOnlyWhenItIsA5xx() {
        wireMock.stubFor(post(REFUNDS)
                .inScenario("proxy")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"))
                .willSetStateTo("up"));
        wireMock.stubFor(post(REFUNDS)
                .inScenario("proxy")
                .whenScenarioStateIs("up")
                .willReturn(WechatPayMessages.signed(
                        200,
                        WechatPayMessages.refundJson(
                                "RF20261123000001", "CC20261123000001", "50300001", 1500, 1500, "PROCESSING"))));
        wireMock.stubFor(post(PREPAY).willReturn(aResponse().withStatus(400).withBody("<html>nope</html>")));

        gateway.refund(refund()).as(StepVerifier::create).expectNextCount(1).verifyComplete();
        gateway.createAppPayment(payment()).as(StepVerifier::create).verifyErrorSatisfies(e -> {
            unverifiable(Reason.MALFORMED).accept(e);
            assertThat(((UnverifiableMessageException) e).httpStatus()).isEqualTo(400);
        });
        wireMock.verify(2, postRequestedFor(urlEqualTo(REFUNDS)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PREPAY)));
    }

    // ---- response signatures

    @Test
    void aResponseSignedWithAnotherKeyIsUnverifiableAndNotRetried() {
        wireMock.stubFor(post(PREPAY)
                .willReturn(WechatPayMessages.signed(
                        200,
                        "{\"prepay_id\":\"wx1\"}",
                        TestKeys.STRANGER.getPrivate(),
                        Instant.now(),
                        TestKeys.PUBLIC_KEY_ID)));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.BAD_SIGNATURE));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PREPAY)));
    }

    @Test
    void aResponseWhoseBodyWasAlteredAfterSigningIsUnverifiable() {
        String signedFor = "{\"prepay_id\":\"wx1\"}";
        var genuine = WechatPayMessages.signed(200, signedFor).build();
        wireMock.stubFor(post(PREPAY)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeaders(genuine.getHeaders())
                        .withBody("{\"prepay_id\":\"wx-attacker\"}")));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.BAD_SIGNATURE));
    }

    @Test
    void aResponseFromAnUnknownKeySerialIsUnverifiable() {
        wireMock.stubFor(post(PREPAY)
                .willReturn(WechatPayMessages.signed(
                        200,
                        "{\"prepay_id\":\"wx1\"}",
                        TestKeys.PLATFORM.getPrivate(),
                        Instant.now(),
                        "PUB_KEY_ID_OTHER")));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.BAD_SIGNATURE));
    }

    @Test
    void aResponseWithAnExpiredTimestampIsUnverifiable() {
        wireMock.stubFor(post(PREPAY)
                .willReturn(WechatPayMessages.signed(
                        200,
                        "{\"prepay_id\":\"wx1\"}",
                        TestKeys.PLATFORM.getPrivate(),
                        Instant.now().minus(Duration.ofMinutes(10)),
                        TestKeys.PUBLIC_KEY_ID)));

        gateway.createAppPayment(payment())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.STALE_TIMESTAMP));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PREPAY)));
    }

    // ---- notifications

    private WebhookRequest paymentNotification(String id, Instant at) {
        return WechatPayMessages.notification(
                id,
                "TRANSACTION.SUCCESS",
                "transaction",
                WechatPayMessages.transactionJson("CC20261123000001", "4200000000000000000000000001", 1500, "SUCCESS"),
                TestKeys.API_V3_KEY,
                at);
    }

    @Test
    void aSignedEncryptedPaymentNotificationBecomesAPaymentSucceededEvent() {
        gateway.parseNotification(paymentNotification("EV-1", now))
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.duplicate()).isFalse();
                    assertThat(result.event())
                            .isEqualTo(new PaymentEvent.PaymentSucceeded(
                                    "EV-1",
                                    "CC20261123000001",
                                    "4200000000000000000000000001",
                                    1500,
                                    Instant.parse("2026-11-23T02:00:00Z")));
                })
                .verifyComplete();
    }

    @Test
    void aRefundNotificationBecomesARefundChangedEvent() {
        WebhookRequest notification = WechatPayMessages.notification(
                "EV-2",
                "REFUND.SUCCESS",
                "refund",
                WechatPayMessages.refundJson("RF20261123000001", "CC20261123000001", "50300001", 1500, 1500, "SUCCESS"),
                TestKeys.API_V3_KEY,
                now);

        gateway.parseNotification(notification)
                .map(NotificationResult::event)
                .as(StepVerifier::create)
                .assertNext(event -> assertThat(event).isInstanceOfSatisfying(PaymentEvent.RefundChanged.class, r -> {
                    assertThat(r.outRefundNo()).isEqualTo("RF20261123000001");
                    assertThat(r.state()).isEqualTo(RefundState.SUCCESS);
                    assertThat(r.refundFen()).isEqualTo(1500);
                }))
                .verifyComplete();
    }

    @Test
    void aReplayedNotificationIdIsReportedAsDuplicateNotProcessedTwice() {
        gateway.parseNotification(paymentNotification("EV-3", now))
                .map(NotificationResult::duplicate)
                .as(StepVerifier::create)
                .expectNext(false)
                .verifyComplete();
        // Redelivered a minute later with a fresh signature, nonce and timestamp: still the same event.
        gateway.parseNotification(paymentNotification("EV-3", now.plusSeconds(60)))
                .map(NotificationResult::duplicate)
                .as(StepVerifier::create)
                .expectNext(true)
                .verifyComplete();
    }

    @Test
    void aNotificationSignedByAStrangerIsRejected() {
        WebhookRequest forged = WechatPayMessages.notification(
                "EV-4",
                "TRANSACTION.SUCCESS",
                "transaction",
                WechatPayMessages.transactionJson("CC20261123000001", "42000000000000000000000001", 1500, "SUCCESS"),
                TestKeys.API_V3_KEY,
                now,
                TestKeys.STRANGER.getPrivate());

        gateway.parseNotification(forged)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.BAD_SIGNATURE));
    }

    @Test
    void aNotificationOlderThanTheWindowIsRejectedThoughItsSignatureIsGood() {
        gateway.parseNotification(paymentNotification("EV-5", now.minus(Duration.ofMinutes(6))))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.STALE_TIMESTAMP));
        gateway.parseNotification(paymentNotification("EV-6", now.plus(Duration.ofMinutes(6))))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.STALE_TIMESTAMP));
        gateway.parseNotification(paymentNotification("EV-7", now.minus(Duration.ofMinutes(4))))
                .as(StepVerifier::create)
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void aNotificationEncryptedWithAnotherApiV3KeyDoesNotDecrypt() {
        WebhookRequest notification = WechatPayMessages.notification(
                "EV-8",
                "TRANSACTION.SUCCESS",
                "transaction",
                WechatPayMessages.transactionJson("CC20261123000001", "42000000000000000000000001", 1500, "SUCCESS"),
                TestKeys.OTHER_API_V3_KEY,
                now);

        gateway.parseNotification(notification)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.DECRYPTION_FAILED));
    }

    @Test
    void aSignedNotificationWhoseBodyIsNotJsonIsMalformed() {
        WebhookRequest notification =
                WechatPayMessages.signedWebhook("this is not json", now, TestKeys.PLATFORM.getPrivate());

        gateway.parseNotification(notification)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.MALFORMED));
    }

    @Test
    void aNotificationWithoutSignatureHeadersIsMalformed() {
        WebhookRequest genuine = paymentNotification("EV-9", now);
        WebhookRequest unsigned = new WebhookRequest(
                genuine.serial(), null, genuine.signatureType(), genuine.nonce(), genuine.timestamp(), genuine.body());

        gateway.parseNotification(unsigned)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(unverifiable(Reason.MALFORMED));
    }

    @Test
    void aRejectedNotificationDoesNotUseUpItsId() {
        gateway.parseNotification(paymentNotification("EV-10", now.minus(Duration.ofHours(1))))
                .as(StepVerifier::create)
                .verifyError(UnverifiableMessageException.class);

        gateway.parseNotification(paymentNotification("EV-10", now))
                .map(NotificationResult::duplicate)
                .as(StepVerifier::create)
                .expectNext(false)
                .verifyComplete();
    }

    @Test
    void headersAreReadFromAnyCaseInsensitiveLookup() {
        WebhookRequest genuine = paymentNotification("EV-11", now);
        java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("wechatpay-serial", genuine.serial());
        headers.put("wechatpay-signature", genuine.signature());
        headers.put("wechatpay-nonce", genuine.nonce());
        headers.put("wechatpay-timestamp", genuine.timestamp());

        gateway.parseNotification(WebhookRequest.fromHeaders(headers::get, genuine.body()))
                .map(NotificationResult::duplicate)
                .as(StepVerifier::create)
                .expectNext(false)
                .verifyComplete();
    }
}
