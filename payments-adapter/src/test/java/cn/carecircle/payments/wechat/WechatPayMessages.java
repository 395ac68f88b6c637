package cn.carecircle.payments.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import cn.carecircle.payments.WebhookRequest;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;

/** Builds what WeChat Pay sends: signed responses and signed, encrypted notifications. */
public final class WechatPayMessages {

    private WechatPayMessages() {}

    /** A JSON response signed with the platform key, timestamped now. */
    public static ResponseDefinitionBuilder signed(int status, String body) {
        return signed(status, body, TestKeys.PLATFORM.getPrivate(), Instant.now(), TestKeys.PUBLIC_KEY_ID);
    }

    public static ResponseDefinitionBuilder signed(int status, String body, PrivateKey key, Instant at, String serial) {
        String timestamp = Long.toString(at.getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String signature = TestKeys.sign(key, timestamp + "\n" + nonce + "\n" + body + "\n");
        ResponseDefinitionBuilder response = aResponse()
                .withStatus(status)
                .withHeader("Request-ID", "08F78BB5AF0610D302-" + nonce.substring(0, 8))
                .withHeader("Wechatpay-Serial", serial)
                .withHeader("Wechatpay-Timestamp", timestamp)
                .withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Signature", signature)
                .withHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        if (!body.isEmpty()) {
            response.withHeader("Content-Type", "application/json").withBody(body);
        }
        return response;
    }

    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return signed(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    /** A notification as WeChat Pay posts it, its resource encrypted with {@code apiV3Key}. */
    public static WebhookRequest notification(
            String id, String eventType, String originalType, String resourceJson, String apiV3Key, Instant at) {
        return notification(id, eventType, originalType, resourceJson, apiV3Key, at, TestKeys.PLATFORM.getPrivate());
    }

    public static WebhookRequest notification(
            String id,
            String eventType,
            String originalType,
            String resourceJson,
            String apiV3Key,
            Instant at,
            PrivateKey signingKey) {
        String resourceNonce = UUID.randomUUID().toString().substring(0, 12);
        String ciphertext = TestKeys.encrypt(apiV3Key, originalType, resourceNonce, resourceJson);
        String body = "{\"id\":\"" + id + "\",\"create_time\":\"2026-11-23T10:00:00+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + eventType + "\","
                + "\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"" + originalType + "\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\","
                + "\"associated_data\":\"" + originalType + "\",\"nonce\":\"" + resourceNonce + "\"}}";
        return signedWebhook(body, at, signingKey);
    }

    public static WebhookRequest signedWebhook(String body, Instant at, PrivateKey signingKey) {
        String timestamp = Long.toString(at.getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        return new WebhookRequest(
                TestKeys.PUBLIC_KEY_ID,
                TestKeys.sign(signingKey, timestamp + "\n" + nonce + "\n" + body + "\n"),
                "WECHATPAY2-SHA256-RSA2048",
                nonce,
                timestamp,
                body);
    }

    public static String transactionJson(String outTradeNo, String transactionId, long totalFen, String state) {
        return "{\"appid\":\"" + TestKeys.APP_ID + "\",\"mchid\":\"" + TestKeys.MERCHANT_ID + "\","
                + "\"out_trade_no\":\"" + outTradeNo + "\","
                + (transactionId == null ? "" : "\"transaction_id\":\"" + transactionId + "\",")
                + "\"trade_type\":\"APP\",\"trade_state\":\"" + state + "\",\"trade_state_desc\":\"\","
                + ("NOTPAY".equals(state) || "CLOSED".equals(state)
                        ? ""
                        : "\"success_time\":\"2026-11-23T10:00:00+08:00\",")
                + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
                + "\"amount\":{\"total\":" + totalFen + ",\"payer_total\":" + totalFen
                + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
    }

    public static String refundJson(
            String outRefundNo, String outTradeNo, String refundId, long refundFen, long totalFen, String status) {
        return "{\"refund_id\":\"" + refundId + "\",\"out_refund_no\":\"" + outRefundNo + "\","
                + "\"transaction_id\":\"4200000000000000000000000001\",\"out_trade_no\":\"" + outTradeNo + "\","
                + "\"channel\":\"ORIGINAL\",\"user_received_account\":\"招商银行信用卡0403\","
                + ("SUCCESS".equals(status) ? "\"success_time\":\"2026-11-23T10:05:00+08:00\"," : "")
                + "\"create_time\":\"2026-11-23T10:04:00+08:00\",\"status\":\"" + status + "\","
                + "\"refund_status\":\"" + status + "\",\"funds_account\":\"AVAILABLE\","
                + "\"amount\":{\"total\":" + totalFen + ",\"refund\":" + refundFen + ",\"payer_total\":"
                + totalFen + ",\"payer_refund\":" + refundFen + ",\"settlement_refund\":" + refundFen
                + ",\"settlement_total\":" + totalFen + ",\"discount_refund\":0,\"currency\":\"CNY\"}}";
    }
}
