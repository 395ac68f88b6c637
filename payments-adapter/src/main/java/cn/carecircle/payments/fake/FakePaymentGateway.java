package cn.carecircle.payments.fake;

import cn.carecircle.payments.AppPayment;
import cn.carecircle.payments.Checks;
import cn.carecircle.payments.CreatePaymentCommand;
import cn.carecircle.payments.InMemoryNotificationDeduplicator;
import cn.carecircle.payments.NotificationDeduplicator;
import cn.carecircle.payments.NotificationResult;
import cn.carecircle.payments.PaymentEvent;
import cn.carecircle.payments.PaymentGateway;
import cn.carecircle.payments.PaymentGatewayException;
import cn.carecircle.payments.PaymentServiceException;
import cn.carecircle.payments.PaymentState;
import cn.carecircle.payments.PaymentStatus;
import cn.carecircle.payments.ProfitSharingCommand;
import cn.carecircle.payments.ProfitSharingResult;
import cn.carecircle.payments.ProfitSharingState;
import cn.carecircle.payments.RefundCommand;
import cn.carecircle.payments.RefundState;
import cn.carecircle.payments.RefundStatus;
import cn.carecircle.payments.UnverifiableMessageException;
import cn.carecircle.payments.UnverifiableMessageException.Reason;
import cn.carecircle.payments.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;

/**
 * An in-memory payment provider that keeps the rules of WeChat Pay that callers depend on: the same
 * idempotency key with the same terms returns the same result and with other terms is refused
 * ({@code 400 INVALID_REQUEST}); refunds never exceed what was paid; splits never exceed what is left;
 * unknown orders are {@code 404 ORDER_NOT_EXIST}; notifications are signed (HMAC here), checked against
 * a timestamp window and de-duplicated by id.
 *
 * <p>Tests drive the payer's side with {@link #payerPays(String)} and {@link #completeRefund(String)},
 * which return the notification the provider would send, and inject failures with {@link
 * #failNextCall(PaymentGatewayException)}. All state is guarded by this object's monitor; nothing blocks
 * for long, so calls run on the subscriber's thread.
 */
public final class FakePaymentGateway implements PaymentGateway {

    private static final String APP_ID = "wxfakeapp";
    private static final String MERCHANT_ID = "1900000000";
    private static final String SERIAL = "FAKE_PUB_KEY_ID";

    private final Clock clock;
    private final Duration notificationWindow;
    private final NotificationDeduplicator deduplicator;
    private final byte[] notificationKey;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Payment> payments = new HashMap<>();
    private final Map<String, Payment> paymentsByTransaction = new HashMap<>();
    private final Map<String, Refund> refunds = new HashMap<>();
    private final Map<String, Split> splits = new HashMap<>();
    private final Map<String, PaymentEvent> sentNotifications = new HashMap<>();
    private final Queue<PaymentGatewayException> injectedFailures = new ConcurrentLinkedQueue<>();

    public FakePaymentGateway() {
        this(Clock.systemUTC(), Duration.ofMinutes(5), new InMemoryNotificationDeduplicator());
    }

    public FakePaymentGateway(Clock clock, Duration notificationWindow, NotificationDeduplicator deduplicator) {
        this.clock = Objects.requireNonNull(clock);
        this.notificationWindow = Objects.requireNonNull(notificationWindow);
        this.deduplicator = Objects.requireNonNull(deduplicator);
        this.notificationKey =
                ("fake-notification-key-" + System.identityHashCode(this)).getBytes(StandardCharsets.UTF_8);
    }

    private static final class Payment {
        final CreatePaymentCommand terms;
        final String prepayId;
        PaymentState state = PaymentState.NOT_PAID;
        String transactionId;
        Instant paidAt;
        long refundedFen;
        long splitFen;

        Payment(CreatePaymentCommand terms, String prepayId) {
            this.terms = terms;
            this.prepayId = prepayId;
        }
    }

    private record Refund(RefundCommand terms, String refundId, RefundState state, Instant succeededAt) {}

    private record Split(ProfitSharingCommand terms, ProfitSharingResult result) {}

    /** The next call (of any operation but notification parsing) fails with {@code failure}. */
    public void failNextCall(PaymentGatewayException failure) {
        injectedFailures.add(Objects.requireNonNull(failure));
    }

    /** The family completes the payment; returns the notification the provider would then send. */
    public Mono<WebhookRequest> payerPays(String outTradeNo) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                Payment p = payment(outTradeNo);
                if (p.state != PaymentState.NOT_PAID) {
                    throw declined(400, "ORDER_NOT_PAYABLE", "payment is not awaiting payment");
                }
                p.state = PaymentState.PAID;
                p.transactionId = "42000" + String.format("%023d", sequence.incrementAndGet());
                p.paidAt = clock.instant();
                paymentsByTransaction.put(p.transactionId, p);
                return notify(id -> new PaymentEvent.PaymentSucceeded(
                        id, outTradeNo, p.transactionId, p.terms.amountFen(), p.paidAt));
            }
        });
    }

    /** The refund's money reaches the payer; returns the notification the provider would then send. */
    public Mono<WebhookRequest> completeRefund(String outRefundNo) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                Refund r = refunds.get(outRefundNo);
                if (r == null) {
                    throw declined(404, "RESOURCE_NOT_EXISTS", "refund not found");
                }
                Refund done = new Refund(r.terms, r.refundId, RefundState.SUCCESS, clock.instant());
                refunds.put(outRefundNo, done);
                return notify(id -> new PaymentEvent.RefundChanged(
                        id,
                        outRefundNo,
                        r.terms.outTradeNo(),
                        r.refundId,
                        RefundState.SUCCESS,
                        r.terms.refundFen(),
                        done.succeededAt));
            }
        });
    }

    @Override
    public Mono<AppPayment> createAppPayment(CreatePaymentCommand command) {
        return operation(() -> {
            Payment p = payments.get(command.outTradeNo());
            if (p == null) {
                p = new Payment(command, "wx" + sequence.incrementAndGet());
                payments.put(command.outTradeNo(), p);
            } else if (!p.terms.equals(command)) {
                throw declined(400, "INVALID_REQUEST", "out_trade_no already used with other terms");
            } else if (p.state == PaymentState.PAID || p.state == PaymentState.REFUNDED) {
                throw declined(400, "ORDERPAID", "payment already paid");
            } else if (p.state == PaymentState.CLOSED) {
                throw declined(400, "ORDERCLOSED", "payment closed");
            }
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            String nonce = "nonce" + sequence.incrementAndGet();
            return new AppPayment(
                    command.outTradeNo(),
                    APP_ID,
                    MERCHANT_ID,
                    p.prepayId,
                    "Sign=WXPay",
                    nonce,
                    timestamp,
                    hmac(APP_ID + "\n" + timestamp + "\n" + nonce + "\n" + p.prepayId + "\n"));
        });
    }

    @Override
    public Mono<PaymentStatus> queryPayment(String outTradeNo) {
        return operation(() -> {
            Checks.key("outTradeNo", outTradeNo, 6, 32);
            Payment p = payment(outTradeNo);
            return new PaymentStatus(outTradeNo, p.transactionId, p.state, p.terms.amountFen(), p.paidAt);
        });
    }

    @Override
    public Mono<Void> closePayment(String outTradeNo) {
        return operation(() -> {
                    Checks.key("outTradeNo", outTradeNo, 6, 32);
                    Payment p = payment(outTradeNo);
                    if (p.state == PaymentState.PAID || p.state == PaymentState.REFUNDED) {
                        throw declined(400, "ORDERPAID", "payment already paid");
                    }
                    p.state = PaymentState.CLOSED;
                    return Boolean.TRUE;
                })
                .then();
    }

    @Override
    public Mono<RefundStatus> refund(RefundCommand command) {
        return operation(() -> {
            Refund existing = refunds.get(command.outRefundNo());
            if (existing != null) {
                if (!existing.terms.equals(command)) {
                    throw declined(400, "INVALID_REQUEST", "out_refund_no already used with other terms");
                }
                return toStatus(existing);
            }
            Payment p = payments.get(command.outTradeNo());
            if (p == null) {
                throw declined(404, "RESOURCE_NOT_EXISTS", "payment not found");
            }
            if (p.state != PaymentState.PAID && p.state != PaymentState.REFUNDED) {
                throw declined(400, "INVALID_REQUEST", "payment is not paid");
            }
            if (command.totalFen() != p.terms.amountFen()) {
                throw declined(400, "PARAM_ERROR", "total does not match the payment");
            }
            if (p.refundedFen + p.splitFen + command.refundFen() > p.terms.amountFen()) {
                throw declined(400, "INVALID_REQUEST", "refund exceeds the refundable amount");
            }
            p.refundedFen += command.refundFen();
            p.state = PaymentState.REFUNDED;
            Refund r = new Refund(command, "50300" + sequence.incrementAndGet(), RefundState.PROCESSING, null);
            refunds.put(command.outRefundNo(), r);
            return toStatus(r);
        });
    }

    @Override
    public Mono<RefundStatus> queryRefund(String outRefundNo) {
        return operation(() -> {
            Checks.key("outRefundNo", outRefundNo, 1, 64);
            Refund r = refunds.get(outRefundNo);
            if (r == null) {
                throw declined(404, "RESOURCE_NOT_EXISTS", "refund not found");
            }
            return toStatus(r);
        });
    }

    @Override
    public Mono<ProfitSharingResult> shareProfit(ProfitSharingCommand command) {
        return operation(() -> {
            Split existing = splits.get(command.outOrderNo());
            if (existing != null) {
                if (!existing.terms.equals(command)) {
                    throw declined(400, "INVALID_REQUEST", "out_order_no already used with other terms");
                }
                return existing.result;
            }
            Payment p = paymentsByTransaction.get(command.transactionId());
            if (p == null) {
                throw declined(404, "RESOURCE_NOT_EXISTS", "transaction not found");
            }
            if (!p.terms.profitSharing()) {
                throw declined(403, "NO_AUTH", "payment was not made with profit sharing");
            }
            if (p.refundedFen + p.splitFen + command.amountFen() > p.terms.amountFen()) {
                throw declined(403, "NOT_ENOUGH", "not enough left to split");
            }
            p.splitFen += command.amountFen();
            ProfitSharingResult result = new ProfitSharingResult(
                    command.outOrderNo(),
                    "30000" + sequence.incrementAndGet(),
                    command.transactionId(),
                    ProfitSharingState.PROCESSING,
                    command.amountFen());
            splits.put(command.outOrderNo(), new Split(command, result));
            return result;
        });
    }

    @Override
    public Mono<NotificationResult> parseNotification(WebhookRequest request) {
        return Mono.fromCallable(() -> verify(request))
                .flatMap(event -> deduplicator
                        .firstSeen(event.notificationId())
                        .map(first -> new NotificationResult(event, !first)));
    }

    private PaymentEvent verify(WebhookRequest request) {
        if (request.signature() == null
                || request.timestamp() == null
                || request.nonce() == null
                || request.body() == null) {
            throw new UnverifiableMessageException(
                    Reason.MALFORMED, "notification lacks a signature header or body", null);
        }
        String expected = hmac(request.timestamp() + "\n" + request.nonce() + "\n" + request.body() + "\n");
        if (!SERIAL.equals(request.serial())
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        request.signature().getBytes(StandardCharsets.UTF_8))) {
            throw new UnverifiableMessageException(Reason.BAD_SIGNATURE, "notification signature did not verify", null);
        }
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(request.timestamp()));
        } catch (NumberFormatException e) {
            throw new UnverifiableMessageException(Reason.MALFORMED, "notification timestamp is not a number", e);
        }
        if (Duration.between(sent, clock.instant()).abs().compareTo(notificationWindow) > 0) {
            throw new UnverifiableMessageException(
                    Reason.STALE_TIMESTAMP, "notification timestamp is outside the allowed window", null);
        }
        synchronized (this) {
            PaymentEvent event = sentNotifications.get(request.body());
            if (event == null) {
                throw new UnverifiableMessageException(Reason.MALFORMED, "unknown notification", null);
            }
            return event;
        }
    }

    /** The body of a fake notification is its id; the event itself stays here. */
    private WebhookRequest notify(java.util.function.Function<String, PaymentEvent> event) {
        String id = "EV-" + sequence.incrementAndGet();
        sentNotifications.put(id, event.apply(id));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = "n" + sequence.incrementAndGet();
        return new WebhookRequest(
                SERIAL, hmac(timestamp + "\n" + nonce + "\n" + id + "\n"), null, nonce, timestamp, id);
    }

    private <T> Mono<T> operation(java.util.concurrent.Callable<T> body) {
        return Mono.fromCallable(() -> {
            PaymentGatewayException injected = injectedFailures.poll();
            if (injected != null) {
                throw injected;
            }
            synchronized (this) {
                return body.call();
            }
        });
    }

    private Payment payment(String outTradeNo) {
        Payment p = payments.get(outTradeNo);
        if (p == null) {
            throw declined(404, "ORDER_NOT_EXIST", "payment not found");
        }
        return p;
    }

    private static RefundStatus toStatus(Refund r) {
        return new RefundStatus(
                r.terms.outRefundNo(), r.terms.outTradeNo(), r.refundId, r.state, r.terms.refundFen(), r.succeededAt);
    }

    private static PaymentServiceException declined(int status, String code, String message) {
        return new PaymentServiceException(status, code, message, null, null);
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(notificationKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
