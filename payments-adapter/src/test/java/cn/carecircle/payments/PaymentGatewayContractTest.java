package cn.carecircle.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The behaviour every {@link PaymentGateway} promises, run against each implementation (the in-memory
 * fake and the WeChat Pay adapter against a WireMock-backed simulator), in the manner of exchange-core's
 * abstract tests.
 */
public abstract class PaymentGatewayContractTest {

    private static final AtomicInteger KEYS = new AtomicInteger();

    /** The implementation under test, fresh for each test. */
    protected abstract PaymentGateway gateway();

    /** The family completes the payment at the provider; emits the notification the provider sends. */
    protected abstract Mono<WebhookRequest> payerPays(String outTradeNo);

    protected static String key(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + "x" + KEYS.incrementAndGet();
    }

    private static CreatePaymentCommand payment(String outTradeNo, long fen, boolean profitSharing) {
        return new CreatePaymentCommand(outTradeNo, "上门助浴 60 分钟", fen, null, profitSharing);
    }

    private PaymentStatus paidPayment(String outTradeNo, long fen, boolean profitSharing) {
        gateway().createAppPayment(payment(outTradeNo, fen, profitSharing)).block();
        payerPays(outTradeNo).block();
        return gateway().queryPayment(outTradeNo).block();
    }

    private static void assertDeclined(Throwable e, int status, String code) {
        assertThat(e).isInstanceOf(PaymentServiceException.class);
        PaymentServiceException declined = (PaymentServiceException) e;
        assertThat(declined.httpStatus()).isEqualTo(status);
        assertThat(declined.code()).isEqualTo(code);
        assertThat(declined.isDeclined()).isTrue();
    }

    @Test
    void creatingTheSamePaymentTwiceReturnsTheSamePrepayId() {
        String no = key("ORD");
        AppPayment first = gateway().createAppPayment(payment(no, 8800, false)).block();

        gateway()
                .createAppPayment(payment(no, 8800, false))
                .as(StepVerifier::create)
                .assertNext(again -> {
                    assertThat(again.prepayId()).isEqualTo(first.prepayId());
                    assertThat(again.outTradeNo()).isEqualTo(no);
                    assertThat(again.packageValue()).isEqualTo("Sign=WXPay");
                    assertThat(again.sign()).isNotBlank();
                })
                .verifyComplete();
    }

    @Test
    void reusingAnOutTradeNoWithAnotherAmountIsDeclined() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 8800, false)).block();

        gateway()
                .createAppPayment(payment(no, 9900, false))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertDeclined(e, 400, "INVALID_REQUEST"));
    }

    @Test
    void aNewPaymentStaysUnpaidUntilThePayerPays() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 5000, false)).block();

        gateway()
                .queryPayment(no)
                .as(StepVerifier::create)
                .assertNext(s -> {
                    assertThat(s.state()).isEqualTo(PaymentState.NOT_PAID);
                    assertThat(s.totalFen()).isEqualTo(5000);
                    assertThat(s.transactionId()).isNull();
                })
                .verifyComplete();

        payerPays(no).block();

        gateway()
                .queryPayment(no)
                .as(StepVerifier::create)
                .assertNext(s -> {
                    assertThat(s.state()).isEqualTo(PaymentState.PAID);
                    assertThat(s.transactionId()).isNotBlank();
                    assertThat(s.paidAt()).isNotNull();
                })
                .verifyComplete();
    }

    @Test
    void queryingAnUnknownPaymentIsDeclinedAsNotFound() {
        gateway()
                .queryPayment(key("NONE"))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertDeclined(e, 404, "ORDER_NOT_EXIST"));
    }

    @Test
    void closingAnUnpaidPaymentTwiceClosesItOnce() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 5000, false)).block();

        gateway().closePayment(no).as(StepVerifier::create).verifyComplete();
        gateway().closePayment(no).as(StepVerifier::create).verifyComplete();

        gateway()
                .queryPayment(no)
                .map(PaymentStatus::state)
                .as(StepVerifier::create)
                .expectNext(PaymentState.CLOSED)
                .verifyComplete();
    }

    @Test
    void closingAPaidPaymentIsDeclined() {
        String no = key("ORD");
        paidPayment(no, 5000, false);

        gateway()
                .closePayment(no)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertDeclined(e, 400, "ORDERPAID"));
    }

    @Test
    void refundingTwiceWithTheSameOutRefundNoRefundsOnce() {
        String no = key("ORD");
        paidPayment(no, 10000, false);
        String refundNo = key("RF");
        RefundStatus first = gateway()
                .refund(new RefundCommand(refundNo, no, 10000, 10000, "取消"))
                .block();

        gateway()
                .refund(new RefundCommand(refundNo, no, 10000, 10000, "取消"))
                .as(StepVerifier::create)
                .assertNext(again -> {
                    assertThat(again.refundId()).isEqualTo(first.refundId());
                    assertThat(again.refundFen()).isEqualTo(10000);
                    assertThat(again.state()).isIn(RefundState.PROCESSING, RefundState.SUCCESS);
                })
                .verifyComplete();
        gateway()
                .queryRefund(refundNo)
                .as(StepVerifier::create)
                .assertNext(r -> {
                    assertThat(r.refundId()).isEqualTo(first.refundId());
                    assertThat(r.outTradeNo()).isEqualTo(no);
                })
                .verifyComplete();
    }

    @Test
    void refundsNeverAddUpToMoreThanWasPaid() {
        String no = key("ORD");
        paidPayment(no, 10000, false);
        gateway().refund(new RefundCommand(key("RF"), no, 6000, 10000, null)).block();
        gateway().refund(new RefundCommand(key("RF"), no, 4000, 10000, null)).block();

        gateway()
                .refund(new RefundCommand(key("RF"), no, 1, 10000, null))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertDeclined(e, 400, "INVALID_REQUEST"));
        gateway()
                .queryPayment(no)
                .map(PaymentStatus::state)
                .as(StepVerifier::create)
                .expectNext(PaymentState.REFUNDED)
                .verifyComplete();
    }

    @Test
    void refundingAnUnpaidPaymentIsDeclined() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 5000, false)).block();

        gateway()
                .refund(new RefundCommand(key("RF"), no, 5000, 5000, null))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                PaymentServiceException.class,
                                s -> assertThat(s.isDeclined()).isTrue()));
    }

    @Test
    void profitSharingWithTheSameOutOrderNoSplitsOnceAndNeverMoreThanWasPaid() {
        String no = key("ORD");
        String transactionId = paidPayment(no, 10000, true).transactionId();
        ProfitSharingCommand split = new ProfitSharingCommand(
                key("PS"), transactionId, ReceiverType.MERCHANT_ID, "1900000109", 7000, "服务费结算", false);
        ProfitSharingResult first = gateway().shareProfit(split).block();

        gateway()
                .shareProfit(split)
                .as(StepVerifier::create)
                .assertNext(again -> {
                    assertThat(again.orderId()).isEqualTo(first.orderId());
                    assertThat(again.amountFen()).isEqualTo(7000);
                    assertThat(again.state()).isIn(ProfitSharingState.PROCESSING, ProfitSharingState.SUCCESS);
                })
                .verifyComplete();
        gateway()
                .shareProfit(new ProfitSharingCommand(
                        key("PS"), transactionId, ReceiverType.MERCHANT_ID, "1900000109", 3001, "服务费结算", false))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertDeclined(e, 403, "NOT_ENOUGH"));
    }

    @Test
    void aPaymentNotificationIsReadOnceAndItsRedeliveryReportedAsDuplicate() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 2500, false)).block();
        WebhookRequest notification = payerPays(no).block();

        gateway()
                .parseNotification(notification)
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.duplicate()).isFalse();
                    assertThat(result.event()).isInstanceOfSatisfying(PaymentEvent.PaymentSucceeded.class, paid -> {
                        assertThat(paid.outTradeNo()).isEqualTo(no);
                        assertThat(paid.paidFen()).isEqualTo(2500);
                        assertThat(paid.transactionId()).isNotBlank();
                    });
                })
                .verifyComplete();
        gateway()
                .parseNotification(notification)
                .map(NotificationResult::duplicate)
                .as(StepVerifier::create)
                .expectNext(true)
                .verifyComplete();
    }

    @Test
    void aNotificationWithAForgedSignatureIsRejectedAndNotRemembered() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 2500, false)).block();
        WebhookRequest genuine = payerPays(no).block();
        WebhookRequest forged = new WebhookRequest(
                genuine.serial(),
                "Zm9yZ2Vk" + genuine.signature().substring(8),
                genuine.signatureType(),
                genuine.nonce(),
                genuine.timestamp(),
                genuine.body());

        gateway()
                .parseNotification(forged)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                UnverifiableMessageException.class,
                                u -> assertThat(u.reason())
                                        .isEqualTo(UnverifiableMessageException.Reason.BAD_SIGNATURE)));
        gateway()
                .parseNotification(genuine)
                .map(NotificationResult::duplicate)
                .as(StepVerifier::create)
                .expectNext(false)
                .verifyComplete();
    }

    @Test
    void aNotificationWithATamperedBodyIsRejected() {
        String no = key("ORD");
        gateway().createAppPayment(payment(no, 2500, false)).block();
        WebhookRequest genuine = payerPays(no).block();
        WebhookRequest tampered = new WebhookRequest(
                genuine.serial(),
                genuine.signature(),
                genuine.signatureType(),
                genuine.nonce(),
                genuine.timestamp(),
                genuine.body() + " ");

        gateway()
                .parseNotification(tampered)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(UnverifiableMessageException.class));
    }

    @Test
    void invalidCommandsAreRejectedBeforeAnythingIsSent() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> payment(key("ORD"), 0, false))
                .isInstanceOf(InvalidPaymentRequestException.class);
        gateway().queryPayment("bad no!").as(StepVerifier::create).verifyError(InvalidPaymentRequestException.class);
    }
}
