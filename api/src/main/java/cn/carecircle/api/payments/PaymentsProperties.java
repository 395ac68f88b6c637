package cn.carecircle.api.payments;

import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param subsidyMonthlyFen the monthly service subsidy (养老服务补贴) per eligible elder where the community has set
 *     none of its own
 * @param wechat WeChat Pay API v3; without a merchant id the in-memory fake gateway serves (demo)
 */
@Validated
@ConfigurationProperties("carecircle.payments")
record PaymentsProperties(@DefaultValue("10000") @Min(0) long subsidyMonthlyFen, Wechat wechat) {

    /**
     * @param baseUrl null for WeChat Pay itself; tests point it at WireMock
     * @param notifyUrl where WeChat Pay posts notifications: this api's {@code /api/v1/payments/wechat/notify}
     */
    record Wechat(
            String merchantId,
            String appId,
            String merchantSerialNumber,
            String merchantPrivateKeyPem,
            String publicKeyId,
            String publicKeyPem,
            String apiV3Key,
            URI baseUrl,
            URI notifyUrl) {

        boolean configured() {
            return merchantId != null && !merchantId.isBlank();
        }

        @Override
        public String toString() {
            return "Wechat[merchantId=" + merchantId + ", baseUrl=" + baseUrl + "]";
        }
    }
}
