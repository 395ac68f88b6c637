package cn.carecircle.payments.fake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.payments.CreatePaymentCommand;
import cn.carecircle.payments.InMemoryNotificationDeduplicator;
import cn.carecircle.payments.PaymentEvent;
import cn.carecircle.payments.PaymentTransportException;
import cn.carecircle.payments.RefundCommand;
import cn.carecircle.payments.RefundState;
import cn.carecircle.payments.UnverifiableMessageException;
import cn.carecircle.payments.WebhookRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** What the fake offers beyond the port: driving the payer's side and injecting failures. */
class FakePaymentGatewayTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T02:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final FakePaymentGateway fake =
            new FakePaymentGateway(clock, Duration.ofMinutes(5), new InMemoryNotificationDeduplicator());

    @Test
    void anInjectedFailureHitsTheNextCallOnly() {
        fake.failNextCall(new PaymentTransportException("injected", true, null));
        CreatePaymentCommand command = new CreatePaymentCommand("CC20261123000009", "助浴", 100, null, false);

        fake.createAppPayment(command).as(StepVerifier::create).verifyError(PaymentTransportException.class);
        fake.createAppPayment(command)
                .as(StepVerifier::create)
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void completingARefundSendsARefundNotificationAndSettlesTheRefund() {
        fake.createAppPayment(new CreatePaymentCommand("CC20261123000009", "助浴", 100, null, false))
                .block();
        fake.payerPays("CC20261123000009").block();
        fake.refund(new RefundCommand("RF9", "CC20261123000009", 100, 100, null))
                .block();

        WebhookRequest notification = fake.completeRefund("RF9").block();

        fake.parseNotification(notification)
                .as(StepVerifier::create)
                .assertNext(r -> assertThat(r.event())
                        .isInstanceOfSatisfying(
                                PaymentEvent.RefundChanged.class,
                                e -> assertThat(e.state()).isEqualTo(RefundState.SUCCESS)))
                .verifyComplete();
        fake.queryRefund("RF9")
                .map(r -> r.state())
                .as(StepVerifier::create)
                .expectNext(RefundState.SUCCESS)
                .verifyComplete();
    }

    @Test
    void aNotificationDeliveredAfterTheWindowIsRejected() {
        fake.createAppPayment(new CreatePaymentCommand("CC20261123000009", "助浴", 100, null, false))
                .block();
        WebhookRequest notification = fake.payerPays("CC20261123000009").block();
        now.set(now.get().plus(Duration.ofMinutes(6)));

        fake.parseNotification(notification)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                UnverifiableMessageException.class,
                                u -> assertThat(u.reason())
                                        .isEqualTo(UnverifiableMessageException.Reason.STALE_TIMESTAMP)));
    }
}
