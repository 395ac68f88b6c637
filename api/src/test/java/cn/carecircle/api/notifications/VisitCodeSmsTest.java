package cn.carecircle.api.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.support.TestInfrastructure;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The visit code goes to the elder's phone through Tencent Cloud SMS (answered by WireMock): the signed SendSms
 * request with the template's parameters, read and decrypted when it is sent, and never in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class VisitCodeSmsTest extends NotificationTest {

    private static final List<String> LOGGERS =
            List.of("cn.carecircle", "org.springframework.web.reactive.function.client", "reactor.netty");

    @Autowired
    PersonalDataProtector protector;

    @Autowired
    ElderService elders;

    @AfterEach
    void restoreLogLevels() {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("cn.carecircle", LogLevel.INFO);
        logging.setLogLevel("org.springframework.web.reactive.function.client", null);
        logging.setLogLevel("reactor.netty", null);
    }

    private static void debugLogging() {
        LoggingSystem logging = LoggingSystem.get(VisitCodeSmsTest.class.getClassLoader());
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    /** An order for the district's elder whose first seat holds this visit code, as assignment leaves it. */
    private UUID orderWithVisitCode(District district, String code) {
        UUID order = placeMeal(district);
        db.sql("update order_seat set visit_code_enc = :code where order_id = :order and seat_no = 1")
                .bind("code", protector.encrypt(code))
                .bind("order", order)
                .then()
                .block();
        return order;
    }

    private UUID writeSms(UUID order) {
        outbox.visitCodeSms(order, 1).as(transactions::transactional).block();
        return db.sql("select id from outbox_message where order_id = :o and channel = 'SMS'")
                .bind("o", order)
                .mapValue(UUID.class)
                .one()
                .block();
    }

    private static List<LoggedRequest> smsRequestsFor(UUID message) {
        return TestInfrastructure.SMS.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.SessionContext", equalTo(message.toString()))));
    }

    @Test
    void theVisitCodeGoesToTheEldersPhoneAsASignedSendSmsRequestAndNeverIntoTheLog(CapturedOutput output) {
        debugLogging();
        District district = district();
        String code = "7093";
        UUID order = orderWithVisitCode(district, code);
        String phone = elders.phoneForMessaging(district.elder()).block();
        UUID message = writeSms(order);

        drain();

        List<LoggedRequest> requests = smsRequestsFor(message);
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        String host = "127.0.0.1:" + TestInfrastructure.SMS.port();
        assertThat(request.getHeader("Host")).isEqualTo(host);
        // as signed; WireMock's server (Jetty) reports the charset's canonical name, UTF-8
        assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
        assertThat(request.getHeader("X-TC-Action")).isEqualTo("SendSms");
        assertThat(request.getHeader("X-TC-Version")).isEqualTo("2021-01-11");
        assertThat(request.getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
        assertThat(request.getHeader("X-TC-Timestamp")).isEqualTo(Long.toString(START.getEpochSecond()));
        assertThat(request.getHeader("Authorization"))
                .isEqualTo(Tc3Signer.authorization(
                        "AKIDtestcarecircle",
                        "test-secret-key",
                        "sms",
                        host,
                        "application/json; charset=utf-8",
                        request.getBodyAsString(),
                        START.getEpochSecond()))
                .startsWith("TC3-HMAC-SHA256 Credential=AKIDtestcarecircle/2026-11-23/sms/tc3_request, "
                        + "SignedHeaders=content-type;host, Signature=");
        JsonNode body = bodyOf(request);
        assertThat(body.path("PhoneNumberSet").path(0).asString()).isEqualTo("+86" + phone);
        assertThat(body.path("SmsSdkAppId").asString()).isEqualTo("1400000001");
        assertThat(body.path("SignName").asString()).isEqualTo("一刻钟居家服务圈");
        assertThat(body.path("TemplateId").asString()).isEqualTo("2000001");
        assertThat(body.path("TemplateParamSet").path(0).asString()).isEqualTo("助餐");
        assertThat(body.path("TemplateParamSet").path(1).asString()).isEqualTo(code);
        assertThat(new SmsGateway.VisitCodeSms(message.toString(), phone, "助餐", code).text())
                .isEqualTo("您的助餐上门服务验证码为7093，请在服务人员到达时告知。");

        Map<String, Object> row = row(message);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("attempts")).isEqualTo(1);

        assertThat(output.getAll()).doesNotContain(phone).doesNotContain(phone.substring(3));
        assertThat(Pattern.compile("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])")
                        .matcher(output.getAll())
                        .find())
                .as("the visit code appears in the log")
                .isFalse();
        assertThat(output.getAll()).doesNotContain("验证码");
    }

    @Test
    void aNumberTheGatewayRefusesForGoodIsGivenUpWithTheCodeButNotThePhone(CapturedOutput output) {
        debugLogging();
        District district = district();
        UUID order = orderWithVisitCode(district, "5316");
        String phone = elders.phoneForMessaging(district.elder()).block();
        UUID message = writeSms(order);
        stubSms(post(urlPathEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.SessionContext", equalTo(message.toString())))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"PhoneNumber\":\"+86" + phone
                                + "\",\"Fee\":0,\"SessionContext\":\"" + message + "\",\"Code\":"
                                + "\"InvalidParameterValue.IncorrectPhoneNumber\",\"Message\":\"手机号格式错误 +86"
                                + phone + "\",\"IsoCode\":\"CN\"}],\"RequestId\":\"a0aabda6-cf91-4f3e-a81f\"}}")));

        drain();

        Map<String, Object> row = row(message);
        assertThat(row.get("failed_at")).isNotNull();
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat(row.get("last_error").toString())
                .contains("InvalidParameterValue.IncorrectPhoneNumber")
                .contains("a0aabda6-cf91-4f3e-a81f")
                .doesNotContain(phone);
        assertThat(output.getAll()).contains(message.toString()).doesNotContain(phone);
    }

    @Test
    void aGatewayErrorIsRetriedLaterAndAnAuthenticationFailureIsNot() {
        District district = district();
        UUID busy = writeSms(orderWithVisitCode(district, "1849"));
        UUID refused = writeSms(orderWithVisitCode(district, "2750"));
        stubSms(post(urlPathEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.SessionContext", equalTo(busy.toString())))
                .willReturn(aResponse().withStatus(502)));
        stubSms(post(urlPathEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.SessionContext", equalTo(refused.toString())))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":"
                                + "\"The provided credentials could not be validated.\"},\"RequestId\":\"r-1\"}}")));

        drain();

        Map<String, Object> retried = row(busy);
        assertThat(retried.get("failed_at")).isNull();
        assertThat(retried.get("next_attempt_at")).isNotNull();
        assertThat(retried.get("last_error").toString()).contains("HTTP 502");
        Map<String, Object> givenUp = row(refused);
        assertThat(givenUp.get("failed_at")).isNotNull();
        assertThat(givenUp.get("last_error").toString()).contains("AuthFailure.SignatureFailure");
    }

    @Test
    void aSeatWithoutAVisitCodeIsGivenUpWithoutCallingTheGateway() {
        District district = district();
        UUID order = placeMeal(district);
        UUID message = writeSms(order);

        drain();

        Map<String, Object> row = row(message);
        assertThat(row.get("failed_at")).isNotNull();
        assertThat(row.get("last_error")).isEqualTo("the seat has no visit code");
        assertThat(smsRequestsFor(message)).isEmpty();
    }
}
