package cn.carecircle.api.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS gateway: Tencent Cloud SMS (短信, API 3.0 {@code SendSms}, version 2021-01-11), which sends a template
 * registered and approved in the Tencent Cloud console with the parameters we give.
 *
 * @param enabled whether visit codes go out by SMS; when off, SMS rows are given up at once (the family and the
 *     worker still see the code)
 * @param baseUrl {@code https://sms.tencentcloudapi.com}, or a stand-in in tests
 * @param region the API region, e.g. {@code ap-guangzhou}
 * @param secretId the API key's SecretId
 * @param secretKey the API key's SecretKey (signs each request; never sent)
 * @param sdkAppId the SMS application's SdkAppId
 * @param signName the approved signature (短信签名), shown as 【…】 before the text
 * @param templateId the approved template; its text is {@code 您的{1}上门服务验证码为{2}，请在服务人员到达时告知。}
 * @param timeout the longest wait for the gateway's answer
 */
@ConfigurationProperties("carecircle.sms")
public record SmsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("https://sms.tencentcloudapi.com") String baseUrl,
        @DefaultValue("ap-guangzhou") String region,
        String secretId,
        String secretKey,
        String sdkAppId,
        String signName,
        String templateId,
        @DefaultValue("PT5S") Duration timeout) {

    public SmsProperties {
        if (enabled) {
            require(baseUrl, "base-url");
            require(region, "region");
            require(secretId, "secret-id");
            require(secretKey, "secret-key");
            require(sdkAppId, "sdk-app-id");
            require(signName, "sign-name");
            require(templateId, "template-id");
        }
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("carecircle.sms." + key + " must be set when carecircle.sms.enabled");
        }
    }

    @Override
    public String toString() {
        return "SmsProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", region=" + region + ", sdkAppId="
                + sdkAppId + ", templateId=" + templateId + "]";
    }
}
