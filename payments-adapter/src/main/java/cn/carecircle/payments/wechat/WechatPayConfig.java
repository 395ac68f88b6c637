package cn.carecircle.payments.wechat;

import com.wechat.pay.java.core.util.PemUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Everything the WeChat Pay adapter needs, checked when built so that a bad setting fails at start-up
 * rather than at the first payment. Keys are PEM text; {@link #toString()} never shows them.
 *
 * @param merchantId 商户号 (mchid)
 * @param appId the app id the family's app is registered under
 * @param merchantSerialNumber serial number of the merchant API certificate
 * @param merchantPrivateKeyPem the merchant API private key, PKCS#8 PEM
 * @param wechatPayPublicKeyId id of the WeChat Pay public key ({@code PUB_KEY_ID_...})
 * @param wechatPayPublicKeyPem the WeChat Pay public key, X.509 PEM
 * @param apiV3Key the 32-byte APIv3 key that encrypts notification resources
 * @param baseUrl where requests go: {@code https://api.mch.weixin.qq.com} in production, WireMock in tests
 * @param connectTimeout connect time-out
 * @param readTimeout read (and write) time-out of each call
 * @param notifyUrl where WeChat Pay sends payment and refund notifications
 * @param notificationWindow how far a notification's timestamp may be from now
 */
public record WechatPayConfig(
        String merchantId,
        String appId,
        String merchantSerialNumber,
        String merchantPrivateKeyPem,
        String wechatPayPublicKeyId,
        String wechatPayPublicKeyPem,
        String apiV3Key,
        URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        URI notifyUrl,
        Duration notificationWindow) {

    public static final URI PRODUCTION_BASE_URL = URI.create("https://api.mch.weixin.qq.com");
    public static final Duration DEFAULT_NOTIFICATION_WINDOW = Duration.ofMinutes(5);

    public WechatPayConfig {
        require("merchantId", merchantId);
        require("appId", appId);
        require("merchantSerialNumber", merchantSerialNumber);
        require("merchantPrivateKeyPem", merchantPrivateKeyPem);
        require("wechatPayPublicKeyId", wechatPayPublicKeyId);
        require("wechatPayPublicKeyPem", wechatPayPublicKeyPem);
        require("apiV3Key", apiV3Key);
        if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            throw new IllegalArgumentException("apiV3Key must be 32 bytes");
        }
        try {
            PemUtil.loadPrivateKeyFromString(merchantPrivateKeyPem);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("merchantPrivateKeyPem is not a PKCS#8 RSA private key");
        }
        try {
            PemUtil.loadPublicKeyFromString(wechatPayPublicKeyPem);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("wechatPayPublicKeyPem is not an RSA public key");
        }
        baseUrl = baseUrl == null ? PRODUCTION_BASE_URL : baseUrl;
        httpUrl("baseUrl", baseUrl);
        httpUrl("notifyUrl", notifyUrl);
        connectTimeout = positive("connectTimeout", connectTimeout, Duration.ofSeconds(5));
        readTimeout = positive("readTimeout", readTimeout, Duration.ofSeconds(10));
        notificationWindow = positive("notificationWindow", notificationWindow, DEFAULT_NOTIFICATION_WINDOW);
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void httpUrl(String name, URI value) {
        if (value == null
                || !value.isAbsolute()
                || value.getHost() == null
                || !("https".equals(value.getScheme()) || "http".equals(value.getScheme()))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
        }
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    @Override
    public String toString() {
        return "WechatPayConfig[merchantId=" + merchantId + ", appId=" + appId + ", merchantSerialNumber="
                + merchantSerialNumber + ", wechatPayPublicKeyId=" + wechatPayPublicKeyId + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", notifyUrl=" + notifyUrl
                + ", notificationWindow=" + notificationWindow + ", keys=<hidden>]";
    }
}
