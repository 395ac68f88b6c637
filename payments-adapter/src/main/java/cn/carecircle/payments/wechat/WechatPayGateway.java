package cn.carecircle.payments.wechat;

import cn.carecircle.payments.AppPayment;
import cn.carecircle.payments.Checks;
import cn.carecircle.payments.CreatePaymentCommand;
import cn.carecircle.payments.InMemoryNotificationDeduplicator;
import cn.carecircle.payments.NotificationDeduplicator;
import cn.carecircle.payments.NotificationResult;
import cn.carecircle.payments.PaymentEvent;
import cn.carecircle.payments.PaymentGateway;
import cn.carecircle.payments.PaymentState;
import cn.carecircle.payments.PaymentStatus;
import cn.carecircle.payments.ProfitSharingCommand;
import cn.carecircle.payments.ProfitSharingResult;
import cn.carecircle.payments.ProfitSharingState;
import cn.carecircle.payments.RefundCommand;
import cn.carecircle.payments.RefundState;
import cn.carecircle.payments.RefundStatus;
import cn.carecircle.payments.RetryPolicy;
import cn.carecircle.payments.UnverifiableMessageException;
import cn.carecircle.payments.UnverifiableMessageException.Reason;
import cn.carecircle.payments.WebhookRequest;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.Notification;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.core.util.GsonUtil;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.app.model.Amount;
import com.wechat.pay.java.service.payments.app.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.app.model.PrepayRequest;
import com.wechat.pay.java.service.payments.app.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.app.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.app.model.SettleInfo;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.profitsharing.ProfitsharingService;
import com.wechat.pay.java.service.profitsharing.model.CreateOrderReceiver;
import com.wechat.pay.java.service.profitsharing.model.CreateOrderRequest;
import com.wechat.pay.java.service.profitsharing.model.OrderReceiverDetail;
import com.wechat.pay.java.service.profitsharing.model.OrdersEntity;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link PaymentGateway} on WeChat Pay API v3, through the official SDK ({@code wechatpay-java}): the SDK
 * signs requests (WECHATPAY2-SHA256-RSA2048), verifies response signatures against the WeChat Pay public
 * key and decrypts notification resources (AEAD_AES_256_GCM). This class adds what the SDK lacks: a
 * configurable base URL, non-blocking use (each blocking call runs on {@link Schedulers#boundedElastic()}),
 * retries of transient failures, a timestamp window and de-duplication for notifications, and the typed
 * exception tree.
 */
public final class WechatPayGateway implements PaymentGateway {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final WechatPayConfig config;
    private final RetryPolicy retryPolicy;
    private final NotificationDeduplicator deduplicator;
    private final Clock clock;
    private final AppServiceExtension appService;
    private final RefundService refundService;
    private final ProfitsharingService profitSharingService;
    private final NotificationParser notificationParser;
    private final Gson gson = GsonUtil.getGson();

    /** Production defaults: {@link RetryPolicy#DEFAULT}, an in-memory de-duplicator and the system clock. */
    public static WechatPayGateway create(WechatPayConfig config) {
        return new WechatPayGateway(
                config, RetryPolicy.DEFAULT, new InMemoryNotificationDeduplicator(), Clock.systemUTC());
    }

    public WechatPayGateway(
            WechatPayConfig config, RetryPolicy retryPolicy, NotificationDeduplicator deduplicator, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
        this.clock = Objects.requireNonNull(clock, "clock");

        // Builds no network: RSAPublicKeyConfig takes the WeChat Pay public key as given.
        RSAPublicKeyConfig sdkConfig = new RSAPublicKeyConfig.Builder()
                .merchantId(config.merchantId())
                .privateKey(config.merchantPrivateKeyPem())
                .merchantSerialNumber(config.merchantSerialNumber())
                .publicKeyId(config.wechatPayPublicKeyId())
                .publicKey(config.wechatPayPublicKeyPem())
                .apiV3Key(config.apiV3Key())
                .build();
        OkHttpClient okHttp = new OkHttpClient.Builder()
                .addInterceptor(new BaseUrlInterceptor(config.baseUrl()))
                .addInterceptor(new ResponseFacts())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Retrying is the RetryPolicy's job, and only for calls that carry an idempotency key.
                .retryOnConnectionFailure(false)
                .build();
        HttpClient httpClient = new DefaultHttpClientBuilder()
                .config(sdkConfig)
                .okHttpClient(okHttp)
                .build();
        this.appService = new AppServiceExtension.Builder()
                .config(sdkConfig)
                .httpClient(httpClient)
                .build();
        this.refundService = new RefundService.Builder().httpClient(httpClient).build();
        this.profitSharingService = new ProfitsharingService.Builder()
                .httpClient(httpClient)
                .encryptor(sdkConfig.createEncryptor())
                .decryptor(sdkConfig.createDecryptor())
                .build();
        this.notificationParser = new NotificationParser(sdkConfig);
    }

    @Override
    public Mono<AppPayment> createAppPayment(CreatePaymentCommand command) {
        return Mono.defer(() -> {
            Objects.requireNonNull(command, "command");
            PrepayRequest request = new PrepayRequest();
            request.setAppid(config.appId());
            request.setMchid(config.merchantId());
            request.setDescription(command.description());
            request.setOutTradeNo(command.outTradeNo());
            request.setNotifyUrl(config.notifyUrl().toString());
            if (command.expiresAt() != null) {
                request.setTimeExpire(OffsetDateTime.ofInstant(command.expiresAt(), CHINA)
                        .withNano(0)
                        .toString());
            }
            Amount amount = new Amount();
            amount.setTotal(Math.toIntExact(command.amountFen()));
            amount.setCurrency("CNY");
            request.setAmount(amount);
            SettleInfo settle = new SettleInfo();
            settle.setProfitSharing(command.profitSharing());
            request.setSettleInfo(settle);
            return call("prepay", () -> appService.prepayWithRequestPayment(request))
                    .map(r -> toAppPayment(command.outTradeNo(), r));
        });
    }

    @Override
    public Mono<PaymentStatus> queryPayment(String outTradeNo) {
        return Mono.defer(() -> {
            QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
            request.setMchid(config.merchantId());
            request.setOutTradeNo(Checks.key("outTradeNo", outTradeNo, 6, 32));
            return call("query payment", () -> appService.queryOrderByOutTradeNo(request))
                    .map(WechatPayGateway::toPaymentStatus);
        });
    }

    @Override
    public Mono<Void> closePayment(String outTradeNo) {
        return Mono.defer(() -> {
            CloseOrderRequest request = new CloseOrderRequest();
            request.setMchid(config.merchantId());
            request.setOutTradeNo(Checks.key("outTradeNo", outTradeNo, 6, 32));
            return call("close payment", () -> {
                        appService.closeOrder(request);
                        return Boolean.TRUE;
                    })
                    .then();
        });
    }

    @Override
    public Mono<RefundStatus> refund(RefundCommand command) {
        return Mono.defer(() -> {
            Objects.requireNonNull(command, "command");
            CreateRequest request = new CreateRequest();
            request.setOutTradeNo(command.outTradeNo());
            request.setOutRefundNo(command.outRefundNo());
            request.setReason(command.reason());
            request.setNotifyUrl(config.notifyUrl().toString());
            AmountReq amount = new AmountReq();
            amount.setRefund(command.refundFen());
            amount.setTotal(command.totalFen());
            amount.setCurrency("CNY");
            request.setAmount(amount);
            return call("refund", () -> refundService.create(request)).map(WechatPayGateway::toRefundStatus);
        });
    }

    @Override
    public Mono<RefundStatus> queryRefund(String outRefundNo) {
        return Mono.defer(() -> {
            QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
            request.setOutRefundNo(Checks.key("outRefundNo", outRefundNo, 1, 64));
            return call("query refund", () -> refundService.queryByOutRefundNo(request))
                    .map(WechatPayGateway::toRefundStatus);
        });
    }

    @Override
    public Mono<ProfitSharingResult> shareProfit(ProfitSharingCommand command) {
        return Mono.defer(() -> {
            Objects.requireNonNull(command, "command");
            CreateOrderReceiver receiver = new CreateOrderReceiver();
            receiver.setType(command.receiverType().name());
            receiver.setAccount(command.receiverAccount());
            receiver.setAmount(command.amountFen());
            receiver.setDescription(command.description());
            CreateOrderRequest request = new CreateOrderRequest();
            request.setAppid(config.appId());
            request.setTransactionId(command.transactionId());
            request.setOutOrderNo(command.outOrderNo());
            request.setReceivers(List.of(receiver));
            request.setUnfreezeUnsplit(command.finish());
            return call("profit sharing", () -> profitSharingService.createOrder(request))
                    .map(r -> toProfitSharingResult(command, r));
        });
    }

    @Override
    public Mono<NotificationResult> parseNotification(WebhookRequest request) {
        return Mono.fromCallable(() -> verifyAndRead(request))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(event -> deduplicator
                        .firstSeen(event.notificationId())
                        .map(first -> new NotificationResult(event, !first)));
    }

    /**
     * Every call here carries an idempotency key (out_trade_no, out_refund_no or out_order_no) or only
     * reads, so a transient failure may be retried with the very same request.
     */
    private <T> Mono<T> call(String operation, Callable<T> sdkCall) {
        return Mono.fromCallable(() -> {
                    ResponseFacts.reset();
                    try {
                        return sdkCall.call();
                    } catch (RuntimeException e) {
                        throw WechatPayErrors.translate(operation, e, ResponseFacts.last());
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(retryPolicy.toRetry());
    }

    private PaymentEvent verifyAndRead(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.serial() == null
                || request.signature() == null
                || request.nonce() == null
                || request.timestamp() == null
                || request.body() == null) {
            throw unverifiable(Reason.MALFORMED, "notification lacks a signature header or body", null);
        }
        checkWindow(request.timestamp());
        JsonObject plaintext;
        try {
            plaintext = notificationParser.parse(
                    new RequestParam.Builder()
                            .serialNumber(request.serial())
                            .signature(request.signature())
                            .signType(request.signatureType())
                            .nonce(request.nonce())
                            .timestamp(request.timestamp())
                            .body(request.body())
                            .build(),
                    JsonObject.class);
        } catch (IllegalArgumentException | JsonParseException e) {
            // Invalid base64 or a body that is not JSON: nothing was verified or decrypted.
            throw unverifiable(Reason.MALFORMED, "notification body is not readable", e);
        } catch (RuntimeException e) {
            throw WechatPayErrors.translate("notification", e, ResponseFacts.Facts.NONE);
        }
        try {
            Notification envelope = gson.fromJson(request.body(), Notification.class);
            String id = envelope.getId();
            if (id == null || id.isBlank() || plaintext == null) {
                throw unverifiable(Reason.MALFORMED, "notification has no id or resource", null);
            }
            String eventType = envelope.getEventType();
            if ("TRANSACTION.SUCCESS".equals(eventType)) {
                Transaction t = gson.fromJson(plaintext, Transaction.class);
                return new PaymentEvent.PaymentSucceeded(
                        id,
                        required(t.getOutTradeNo()),
                        required(t.getTransactionId()),
                        required(t.getAmount()).getTotal(),
                        instant(t.getSuccessTime()));
            }
            if (eventType != null && eventType.startsWith("REFUND.")) {
                RefundNotification r = gson.fromJson(plaintext, RefundNotification.class);
                return new PaymentEvent.RefundChanged(
                        id,
                        required(r.getOutRefundNo()),
                        required(r.getOutTradeNo()),
                        required(r.getRefundId()),
                        refundState(required(r.getRefundStatus())),
                        required(required(r.getAmount()).getRefund()),
                        instant(r.getSuccessTime()));
            }
            return new PaymentEvent.Unrecognised(id, eventType);
        } catch (JsonParseException | NullPointerException | DateTimeParseException e) {
            throw unverifiable(Reason.MALFORMED, "notification resource lacks expected fields", e);
        }
    }

    private void checkWindow(String timestamp) {
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw unverifiable(Reason.MALFORMED, "notification timestamp is not a number of seconds", e);
        }
        Duration age = Duration.between(sent, clock.instant()).abs();
        if (age.compareTo(config.notificationWindow()) > 0) {
            throw unverifiable(Reason.STALE_TIMESTAMP, "notification timestamp is outside the allowed window", null);
        }
    }

    private static UnverifiableMessageException unverifiable(Reason reason, String message, Throwable cause) {
        return new UnverifiableMessageException(reason, message, cause);
    }

    private static <T> T required(T value) {
        if (value == null) {
            throw new NullPointerException("missing field");
        }
        return value;
    }

    private static Instant instant(String rfc3339) {
        return rfc3339 == null ? null : OffsetDateTime.parse(rfc3339).toInstant();
    }

    private static AppPayment toAppPayment(String outTradeNo, PrepayWithRequestPaymentResponse r) {
        return new AppPayment(
                outTradeNo,
                r.getAppid(),
                r.getPartnerId(),
                r.getPrepayId(),
                r.getPackageVal(),
                r.getNonceStr(),
                r.getTimestamp(),
                r.getSign());
    }

    private static PaymentStatus toPaymentStatus(Transaction t) {
        return readResponse(() -> new PaymentStatus(
                required(t.getOutTradeNo()),
                t.getTransactionId(),
                paymentState(required(t.getTradeState())),
                required(required(t.getAmount()).getTotal()),
                instant(t.getSuccessTime())));
    }

    private static PaymentState paymentState(Transaction.TradeStateEnum state) {
        return switch (state) {
            case SUCCESS -> PaymentState.PAID;
            case REFUND -> PaymentState.REFUNDED;
            case NOTPAY -> PaymentState.NOT_PAID;
            case CLOSED, REVOKED -> PaymentState.CLOSED;
            case USERPAYING, ACCEPT -> PaymentState.PAYING;
            case PAYERROR -> PaymentState.FAILED;
        };
    }

    private static RefundStatus toRefundStatus(Refund r) {
        return readResponse(() -> new RefundStatus(
                required(r.getOutRefundNo()),
                required(r.getOutTradeNo()),
                required(r.getRefundId()),
                refundState(required(r.getStatus())),
                required(required(r.getAmount()).getRefund()),
                instant(r.getSuccessTime())));
    }

    private static RefundState refundState(Status status) {
        return switch (status) {
            case SUCCESS -> RefundState.SUCCESS;
            case CLOSED -> RefundState.CLOSED;
            case PROCESSING -> RefundState.PROCESSING;
            case ABNORMAL -> RefundState.ABNORMAL;
        };
    }

    private static ProfitSharingResult toProfitSharingResult(ProfitSharingCommand command, OrdersEntity r) {
        return readResponse(() -> {
            OrderReceiverDetail detail = r.getReceivers() == null
                    ? null
                    : r.getReceivers().stream()
                            .filter(d -> command.receiverAccount().equals(d.getAccount()))
                            .findFirst()
                            .orElse(null);
            ProfitSharingState state = detail == null || detail.getResult() == null
                    ? ProfitSharingState.PROCESSING
                    : switch (detail.getResult()) {
                        case PENDING -> ProfitSharingState.PROCESSING;
                        case SUCCESS -> ProfitSharingState.SUCCESS;
                        case CLOSED -> ProfitSharingState.CLOSED;
                    };
            long amount = detail == null || detail.getAmount() == null ? command.amountFen() : detail.getAmount();
            return new ProfitSharingResult(
                    required(r.getOutOrderNo()), required(r.getOrderId()), r.getTransactionId(), state, amount);
        });
    }

    private static <T> T readResponse(java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (NullPointerException | DateTimeParseException e) {
            throw new UnverifiableMessageException(Reason.MALFORMED, "response lacks expected fields", e);
        }
    }
}
