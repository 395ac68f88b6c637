package cn.carecircle.payments.wechat;

import cn.carecircle.payments.WebhookRequest;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stateful stand-in for WeChat Pay behind WireMock, so that the port's contract test can run
 * against the real adapter: it keeps payments, refunds and splits, applies the provider's rules
 * (idempotency keys, refunds within what was paid) and answers with signed JSON, errors as
 * {@code {"code","message"}}.
 */
public final class WechatPaySimulator implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "wechat-pay-simulator";

    private static final Pattern QUERY_PAYMENT = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/?]+)");
    private static final Pattern CLOSE_PAYMENT = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/?]+)/close");
    private static final Pattern QUERY_REFUND = Pattern.compile("/v3/refund/domestic/refunds/([^/?]+)");

    private record Payment(String body, long total, boolean profitSharing, String prepayId) {}

    private final Map<String, Payment> payments = new HashMap<>();
    private final Map<String, String> states = new HashMap<>();
    private final Map<String, String> transactionIds = new HashMap<>();
    private final Map<String, Long> used = new HashMap<>();
    private final Map<String, String[]> refunds = new HashMap<>();
    private final Map<String, String[]> splits = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*", "");
        String method = request.getMethod().getName();
        ResponseDefinitionBuilder response;
        Matcher m;
        if (method.equals("POST") && path.equals("/v3/pay/transactions/app")) {
            response = prepay(json(request));
        } else if (method.equals("POST") && (m = CLOSE_PAYMENT.matcher(path)).matches()) {
            response = close(m.group(1));
        } else if (method.equals("GET") && (m = QUERY_PAYMENT.matcher(path)).matches()) {
            response = queryPayment(m.group(1));
        } else if (method.equals("POST") && path.equals("/v3/refund/domestic/refunds")) {
            response = refund(json(request));
        } else if (method.equals("GET") && (m = QUERY_REFUND.matcher(path)).matches()) {
            String[] r = refunds.get(m.group(1));
            response = r == null
                    ? WechatPayMessages.error(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
                    : WechatPayMessages.signed(200, r[1]);
        } else if (method.equals("POST") && path.equals("/v3/profitsharing/orders")) {
            response = split(json(request));
        } else {
            response = WechatPayMessages.error(404, "NOT_FOUND", "no such API");
        }
        return response.build();
    }

    /** The payer pays now: the payment becomes SUCCESS, and the notification WeChat Pay would post is returned. */
    public WebhookRequest pay(String outTradeNo) {
        return pay(outTradeNo, Instant.now());
    }

    /**
     * The payer pays: the payment becomes SUCCESS, and the notification WeChat Pay would post is returned, stamped
     * {@code at} (the api checks the stamp against its own clock).
     */
    public synchronized WebhookRequest pay(String outTradeNo, Instant at) {
        Payment p = payments.get(outTradeNo);
        String transactionId = "42000" + String.format("%023d", sequence.incrementAndGet());
        states.put(outTradeNo, "SUCCESS");
        transactionIds.put(outTradeNo, transactionId);
        return WechatPayMessages.notification(
                "EV-" + sequence.incrementAndGet(),
                "TRANSACTION.SUCCESS",
                "transaction",
                WechatPayMessages.transactionJson(outTradeNo, transactionId, p.total, "SUCCESS"),
                TestKeys.API_V3_KEY,
                at);
    }

    /** Whether a refund with this number was asked for, and of how many fen (null when none). */
    public synchronized Long refunded(String outRefundNo) {
        String[] r = refunds.get(outRefundNo);
        return r == null
                ? null
                : JsonParser.parseString(r[0])
                        .getAsJsonObject()
                        .getAsJsonObject("amount")
                        .get("refund")
                        .getAsLong();
    }

    /** The payment's state as WeChat Pay sees it (NOTPAY, SUCCESS, CLOSED, REFUND), null when unknown. */
    public synchronized String state(String outTradeNo) {
        return states.get(outTradeNo);
    }

    private ResponseDefinitionBuilder prepay(JsonObject body) {
        String no = body.get("out_trade_no").getAsString();
        Payment existing = payments.get(no);
        if (existing != null) {
            if (!existing.body.equals(body.toString())) {
                return WechatPayMessages.error(400, "INVALID_REQUEST", "201 商户订单号重复");
            }
            if (!"NOTPAY".equals(states.get(no))) {
                return WechatPayMessages.error(400, "ORDERPAID", "该订单已支付");
            }
            return WechatPayMessages.signed(200, "{\"prepay_id\":\"" + existing.prepayId + "\"}");
        }
        boolean sharing = body.has("settle_info")
                && body.getAsJsonObject("settle_info").get("profit_sharing").getAsBoolean();
        Payment p = new Payment(
                body.toString(),
                body.getAsJsonObject("amount").get("total").getAsLong(),
                sharing,
                "wx" + sequence.incrementAndGet());
        payments.put(no, p);
        states.put(no, "NOTPAY");
        return WechatPayMessages.signed(200, "{\"prepay_id\":\"" + p.prepayId + "\"}");
    }

    private ResponseDefinitionBuilder close(String no) {
        if (!payments.containsKey(no)) {
            return WechatPayMessages.error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        if (states.get(no).equals("SUCCESS") || states.get(no).equals("REFUND")) {
            return WechatPayMessages.error(400, "ORDERPAID", "该订单已支付");
        }
        states.put(no, "CLOSED");
        return WechatPayMessages.signed(204, "");
    }

    private ResponseDefinitionBuilder queryPayment(String no) {
        Payment p = payments.get(no);
        if (p == null) {
            return WechatPayMessages.error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        return WechatPayMessages.signed(
                200, WechatPayMessages.transactionJson(no, transactionIds.get(no), p.total, states.get(no)));
    }

    private ResponseDefinitionBuilder refund(JsonObject body) {
        String refundNo = body.get("out_refund_no").getAsString();
        String no = body.get("out_trade_no").getAsString();
        String[] existing = refunds.get(refundNo);
        if (existing != null) {
            return existing[0].equals(body.toString())
                    ? WechatPayMessages.signed(200, existing[1])
                    : WechatPayMessages.error(400, "INVALID_REQUEST", "退款单号重复");
        }
        Payment p = payments.get(no);
        if (p == null) {
            return WechatPayMessages.error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        if (!states.get(no).equals("SUCCESS") && !states.get(no).equals("REFUND")) {
            return WechatPayMessages.error(400, "INVALID_REQUEST", "订单未支付");
        }
        long amount = body.getAsJsonObject("amount").get("refund").getAsLong();
        long total = body.getAsJsonObject("amount").get("total").getAsLong();
        if (total != p.total) {
            return WechatPayMessages.error(400, "PARAM_ERROR", "订单金额与原订单不一致");
        }
        if (used.getOrDefault(no, 0L) + amount > p.total) {
            return WechatPayMessages.error(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
        }
        used.merge(no, amount, Long::sum);
        states.put(no, "REFUND");
        String response = WechatPayMessages.refundJson(
                refundNo, no, "50300" + sequence.incrementAndGet(), amount, total, "PROCESSING");
        refunds.put(refundNo, new String[] {body.toString(), response});
        return WechatPayMessages.signed(200, response);
    }

    private ResponseDefinitionBuilder split(JsonObject body) {
        String orderNo = body.get("out_order_no").getAsString();
        String[] existing = splits.get(orderNo);
        if (existing != null) {
            return existing[0].equals(body.toString())
                    ? WechatPayMessages.signed(200, existing[1])
                    : WechatPayMessages.error(400, "INVALID_REQUEST", "分账单号重复");
        }
        String transactionId = body.get("transaction_id").getAsString();
        String no = transactionIds.entrySet().stream()
                .filter(e -> e.getValue().equals(transactionId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        if (no == null) {
            return WechatPayMessages.error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        if (!payments.get(no).profitSharing) {
            return WechatPayMessages.error(403, "NO_AUTH", "订单未设置分账");
        }
        JsonObject receiver = body.getAsJsonArray("receivers").get(0).getAsJsonObject();
        long amount = receiver.get("amount").getAsLong();
        if (used.getOrDefault(no, 0L) + amount > payments.get(no).total) {
            return WechatPayMessages.error(403, "NOT_ENOUGH", "分账金额不足");
        }
        used.merge(no, amount, Long::sum);
        String response = "{\"transaction_id\":\"" + transactionId + "\",\"out_order_no\":\"" + orderNo
                + "\",\"order_id\":\"3008450740201411110007820" + sequence.incrementAndGet()
                + "\",\"state\":\"PROCESSING\",\"receivers\":[{\"amount\":" + amount
                + ",\"description\":\"" + receiver.get("description").getAsString() + "\",\"type\":\""
                + receiver.get("type").getAsString() + "\",\"account\":\""
                + receiver.get("account").getAsString()
                + "\",\"result\":\"PENDING\",\"create_time\":\"2026-11-23T10:00:00+08:00\","
                + "\"detail_id\":\"36011111111111111111111\"}]}";
        splits.put(orderNo, new String[] {body.toString(), response});
        return WechatPayMessages.signed(200, response);
    }

    private static JsonObject json(Request request) {
        return JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
    }
}
