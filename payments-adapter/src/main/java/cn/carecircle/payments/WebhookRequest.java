package cn.carecircle.payments;

import java.util.function.UnaryOperator;

/**
 * A notification as it arrived over HTTP: the signature headers and the raw body, untouched (the
 * signature covers the exact bytes, so the body must not be re-serialised before verification).
 *
 * @param serial {@code Wechatpay-Serial}: which provider key signed it
 * @param signature {@code Wechatpay-Signature}: base64 signature
 * @param signatureType {@code Wechatpay-Signature-Type}, defaults to {@code WECHATPAY2-SHA256-RSA2048}
 * @param nonce {@code Wechatpay-Nonce}
 * @param timestamp {@code Wechatpay-Timestamp}: seconds since the epoch, as a string
 * @param body the raw request body
 */
public record WebhookRequest(
        String serial, String signature, String signatureType, String nonce, String timestamp, String body) {

    public static final String DEFAULT_SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

    public WebhookRequest {
        if (signatureType == null || signatureType.isBlank()) {
            signatureType = DEFAULT_SIGNATURE_TYPE;
        }
    }

    /** Reads the headers through {@code header} (a case-insensitive lookup returning null when absent). */
    public static WebhookRequest fromHeaders(UnaryOperator<String> header, String body) {
        return new WebhookRequest(
                header.apply("Wechatpay-Serial"),
                header.apply("Wechatpay-Signature"),
                header.apply("Wechatpay-Signature-Type"),
                header.apply("Wechatpay-Nonce"),
                header.apply("Wechatpay-Timestamp"),
                body);
    }

    @Override
    public String toString() {
        return "WebhookRequest[serial=" + serial + ", timestamp=" + timestamp + "]";
    }
}
