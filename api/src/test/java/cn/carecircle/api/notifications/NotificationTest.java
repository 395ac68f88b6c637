package cn.carecircle.api.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import cn.carecircle.api.jobs.BackgroundWorker;
import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.support.TestInfrastructure;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the notification tests share: signed-in accounts with devices, orders, and FCM answered by WireMock. */
abstract class NotificationTest extends IntegrationTest {

    static final String PROJECT = "demo-carecircle";
    static final String FCM_SEND = "/v1/projects/" + PROJECT + "/messages:send";

    @Autowired
    Outbox outbox;

    @Autowired
    BackgroundWorker worker;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    JsonMapper json;

    private final List<StubMapping> fcmStubs = new ArrayList<>();
    private final List<StubMapping> smsStubs = new ArrayList<>();

    @AfterEach
    void removeStubsAndResetClock() {
        clock.set(START);
        fcmStubs.forEach(TestInfrastructure.FIREBASE::removeStub);
        fcmStubs.clear();
        smsStubs.forEach(TestInfrastructure.SMS::removeStub);
        smsStubs.clear();
    }

    /** A stub on the FCM stand-in for this test only. */
    void stubFcm(MappingBuilder mapping) {
        fcmStubs.add(TestInfrastructure.FIREBASE.stubFor(mapping));
    }

    /** A stub on the SMS gateway's stand-in for this test only. */
    void stubSms(MappingBuilder mapping) {
        smsStubs.add(TestInfrastructure.SMS.stubFor(mapping));
    }

    static MappingBuilder fcmSendTo(String token) {
        return post(urlPathEqualTo(FCM_SEND)).withRequestBody(matchingJsonPath("$.message.token", equalTo(token)));
    }

    /** FCM's error answer: the HTTP status, its status name and the FCM error code, as FCM v1 sends them. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fcmError(
            int status, String statusName, String errorCode) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + errorCode + "\",\"status\":\""
                        + statusName + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1"
                        + ".FcmError\",\"errorCode\":\"" + errorCode + "\"}]}}");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fcmAccepted() {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"projects/" + PROJECT + "/messages/0:1\"}");
    }

    /** The FCM requests WireMock received for this device token. */
    static List<LoggedRequest> fcmRequestsTo(String token) {
        return TestInfrastructure.FIREBASE.findAll(postRequestedFor(urlPathEqualTo(FCM_SEND))
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token))));
    }

    /** The FCM requests that carried this outbox message. */
    static List<LoggedRequest> fcmRequestsWithMessage(UUID message) {
        return TestInfrastructure.FIREBASE.findAll(postRequestedFor(urlPathEqualTo(FCM_SEND))
                .withRequestBody(matchingJsonPath("$.message.data.messageId", equalTo(message.toString()))));
    }

    UUID accountOf(WebTestClient client) {
        return UUID.fromString(client.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("accountId")
                .toString());
    }

    static String newToken() {
        // the shape of an FCM registration token: an instance id, a colon, a long url-safe base64 part
        return "d" + UUID.randomUUID().toString().substring(0, 10) + ":APA91b"
                + UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }

    void registerDevice(WebTestClient client, String token, String platform) {
        client.put()
                .uri("/api/v1/me/device-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "platform", platform))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Writes a push as the dispatch code does: in a transaction of its own. */
    UUID push(UUID accountId, UUID orderId, Outbox.Notice notice) {
        outbox.push(accountId, orderId, notice).as(transactions::transactional).block();
        return db.sql("select id from outbox_message where account_id = :a order by seq desc limit 1")
                .bind("a", accountId)
                .mapValue(UUID.class)
                .one()
                .block();
    }

    void drain() {
        worker.drain().block();
    }

    /** The outbox row as the relay left it. */
    Map<String, Object> row(UUID messageId) {
        return db.sql("""
                        select attempts, next_attempt_at, sent_at, failed_at, last_error,
                            array_length(delivered_devices, 1) as delivered
                        from outbox_message where id = :id
                        """).bind("id", messageId).fetch().one().map(HashMap::new).block();
    }

    long devicesOf(UUID accountId) {
        return db.sql("select count(*) from device_token where account_id = :a")
                .bind("a", accountId)
                .mapValue(Long.class)
                .one()
                .block();
    }

    JsonNode bodyOf(LoggedRequest request) {
        return json.readTree(request.getBodyAsString());
    }

    /** A community with a meal price, a worker covering it, and a family member with a bound elder. */
    record District(UUID community, WebTestClient worker, WebTestClient family, UUID elder) {}

    District district() {
        UUID community = fixtures.community();
        fixtures.priceList(community, Fixtures.price("MEAL", 30, 1200, true, null));
        WebTestClient worker = fixtures.worker(community);
        WebTestClient family = fixtures.family();
        UUID elder = fixtures.boundElder(family, worker, community);
        return new District(community, worker, family, elder);
    }

    /** A meal for now, placed by the family member: it is MATCHING at once. */
    UUID placeMeal(District district) {
        return UUID.fromString(district.family()
                .post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "elderId",
                        district.elder().toString(),
                        "service",
                        "MEAL",
                        "durationMinutes",
                        30,
                        "settlement",
                        "PAID"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }
}
