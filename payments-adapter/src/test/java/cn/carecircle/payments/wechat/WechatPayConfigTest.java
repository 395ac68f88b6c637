package cn.carecircle.payments.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WechatPayConfigTest {

    private static WechatPayConfig with(String privateKeyPem, String apiV3Key, URI baseUrl, Duration window) {
        return new WechatPayConfig(
                TestKeys.MERCHANT_ID,
                TestKeys.APP_ID,
                TestKeys.MERCHANT_SERIAL,
                privateKeyPem,
                TestKeys.PUBLIC_KEY_ID,
                TestKeys.publicPem(TestKeys.PLATFORM),
                apiV3Key,
                baseUrl,
                null,
                null,
                URI.create("https://carecircle.example.cn/notify"),
                window);
    }

    @Test
    void defaultsToProductionTheFiveMinuteWindowAndFiniteTimeouts() {
        WechatPayConfig config = with(TestKeys.privatePem(TestKeys.MERCHANT), TestKeys.API_V3_KEY, null, null);

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.mch.weixin.qq.com"));
        assertThat(config.notificationWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.connectTimeout()).isPositive();
        assertThat(config.readTimeout()).isPositive();
    }

    @Test
    void anApiV3KeyThatIsNot32BytesIsRefused() {
        assertThatThrownBy(() -> with(TestKeys.privatePem(TestKeys.MERCHANT), "too-short", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiV3Key");
    }

    @Test
    void aPrivateKeyThatIsNotPemIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> with("secret-garbage", TestKeys.API_V3_KEY, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret-garbage");
    }

    @Test
    void aBaseUrlMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> with(
                        TestKeys.privatePem(TestKeys.MERCHANT), TestKeys.API_V3_KEY, URI.create("/relative"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        with(TestKeys.privatePem(TestKeys.MERCHANT), TestKeys.API_V3_KEY, URI.create("ftp://x"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonPositiveWindowIsRefused() {
        assertThatThrownBy(() -> with(TestKeys.privatePem(TestKeys.MERCHANT), TestKeys.API_V3_KEY, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printingTheConfigShowsNoKeyMaterial() {
        WechatPayConfig config = with(TestKeys.privatePem(TestKeys.MERCHANT), TestKeys.API_V3_KEY, null, null);

        assertThat(config.toString())
                .doesNotContain(TestKeys.API_V3_KEY)
                .doesNotContain("PRIVATE KEY")
                .doesNotContain("PUBLIC KEY")
                .contains(TestKeys.MERCHANT_ID);
    }
}
