package cn.carecircle.api.notifications;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tencent Cloud SMS, API 3.0 action {@code SendSms} of version 2021-01-11: a signed JSON POST to
 * {@code https://sms.tencentcloudapi.com/} naming the approved signature and template, with the template's
 * parameters (the service's name and the code). The answer is HTTP 200 also for errors: {@code Response.Error}
 * for a refused request, {@code Response.SendStatusSet[0].Code} other than {@code Ok} for a refused number.
 */
final class TencentCloudSmsGateway implements SmsGateway {

    static final String ACTION = "SendSms";
    static final String VERSION = "2021-01-11";
    static final String SERVICE = "sms";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final WebClient web;
    private final SmsProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final URI endpoint;
    private final String host;

    TencentCloudSmsGateway(WebClient web, SmsProperties properties, JsonMapper json, Clock clock) {
        this.web = web;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.endpoint = URI.create(properties.baseUrl().replaceAll("/+$", "") + "/");
        // the Host header as the client sends it: with the port only when the URL names one
        this.host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    @Override
    public Mono<String> sendVisitCode(VisitCodeSms sms) {
        return Mono.defer(() -> {
            Map<String, Object> sendSms = new LinkedHashMap<>();
            sendSms.put("PhoneNumberSet", List.of("+86" + sms.phone()));
            sendSms.put("SmsSdkAppId", properties.sdkAppId());
            sendSms.put("SignName", properties.signName());
            sendSms.put("TemplateId", properties.templateId());
            sendSms.put("TemplateParamSet", List.of(sms.serviceName(), sms.code()));
            sendSms.put("SessionContext", sms.reference());
            String payload = json.writeValueAsString(sendSms);
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            long timestamp = clock.instant().getEpochSecond();
            String authorization = Tc3Signer.authorization(
                    properties.secretId(), properties.secretKey(), SERVICE, host, CONTENT_TYPE, payload, timestamp);
            return web.post()
                    .uri(endpoint)
                    .header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                    .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length))
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .header("X-TC-Action", ACTION)
                    .header("X-TC-Version", VERSION)
                    .header("X-TC-Region", properties.region())
                    .header("X-TC-Timestamp", Long.toString(timestamp))
                    // the body as signed, byte for byte, and the Content-Type header as signed: a body writer
                    // would reformat the header (charset=UTF-8)
                    .body((request, context) -> request.writeWith(
                            Mono.fromSupplier(() -> request.bufferFactory().wrap(bytes))))
                    .exchangeToMono(response -> response.bodyToMono(String.class)
                            .defaultIfEmpty("")
                            .map(body -> read(response.statusCode(), body)))
                    .timeout(properties.timeout())
                    .onErrorMap(
                            failure ->
                                    failure instanceof WebClientRequestException || failure instanceof TimeoutException,
                            failure -> new SmsTransportException(
                                    "SMS gateway unreachable: "
                                            + failure.getClass().getSimpleName(),
                                    null));
        });
    }

    private String read(HttpStatusCode status, String body) {
        if (status.is5xxServerError() || status.value() == 429) {
            throw new SmsServiceException("HTTP " + status.value(), null, true);
        }
        if (!status.is2xxSuccessful()) {
            throw new SmsServiceException("HTTP " + status.value(), null, false);
        }
        JsonNode response;
        try {
            response = json.readTree(body).path("Response");
        } catch (JacksonException e) {
            throw new SmsMalformedResponseException("SMS gateway answered no JSON", null);
        }
        String requestId = response.path("RequestId").asString(null);
        JsonNode error = response.path("Error");
        if (!error.isMissingNode()) {
            String code = error.path("Code").asString("unknown");
            throw new SmsServiceException(code, requestId, retryable(code));
        }
        JsonNode status0 = response.path("SendStatusSet").path(0);
        if (status0.isMissingNode()) {
            throw new SmsMalformedResponseException("SMS gateway answered without a send status", null);
        }
        String code = status0.path("Code").asString("unknown");
        if (!"Ok".equals(code)) {
            throw new SmsServiceException(code, requestId, retryable(code));
        }
        return status0.path("SerialNo").asString(requestId);
    }

    /**
     * Tencent's passing error families: its own faults, rate limits, and a signature older than five minutes
     * (a clock that drifted). Everything else (authentication, parameters, an unapproved template, an invalid
     * number) fails the same way again.
     */
    static boolean retryable(String code) {
        return code.startsWith("InternalError")
                || code.startsWith("RequestLimitExceeded")
                || code.startsWith("LimitExceeded")
                || code.equals("AuthFailure.SignatureExpire");
    }
}
