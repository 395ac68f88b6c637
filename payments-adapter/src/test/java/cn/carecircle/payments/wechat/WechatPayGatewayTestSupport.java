package cn.carecircle.payments.wechat;

import java.net.URI;
import java.time.Duration;

final class WechatPayGatewayTestSupport {

    private WechatPayGatewayTestSupport() {}

    static WechatPayConfig config(String baseUrl) {
        return config(baseUrl, Duration.ofSeconds(2), TestKeys.API_V3_KEY);
    }

    static WechatPayConfig config(String baseUrl, Duration readTimeout, String apiV3Key) {
        return new WechatPayConfig(
                TestKeys.MERCHANT_ID,
                TestKeys.APP_ID,
                TestKeys.MERCHANT_SERIAL,
                TestKeys.privatePem(TestKeys.MERCHANT),
                TestKeys.PUBLIC_KEY_ID,
                TestKeys.publicPem(TestKeys.PLATFORM),
                apiV3Key,
                URI.create(baseUrl),
                Duration.ofSeconds(1),
                readTimeout,
                URI.create("https://carecircle.example.cn/payments/wechat/notify"),
                null);
    }
}
