package cn.carecircle.api.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import cn.carecircle.payments.wechat.TestKeys;
import cn.carecircle.payments.wechat.WechatPaySimulator;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * What one test run shares: its own PostgreSQL database (created here, dropped when the JVM exits), its own Redis
 * key prefix, a WireMock server standing in for Firebase (the Auth emulator's user look-up and FCM) and one for the
 * SMS gateway, and WeChat Pay (a stateful simulator that signs its answers). The addresses are set as system properties before any Spring context starts, since they decide how
 * the context is built.
 */
public final class TestInfrastructure {

    public static final String RUN =
            UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    public static final String DATABASE = "cc_test_" + RUN;
    public static final String REDIS_PREFIX = "test:" + RUN + ":";
    private static final String ADMIN_URL =
            System.getProperty("carecircle.test.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("carecircle.test.db-user", "postgres");

    public static final String OPERATOR_UID = "operator-" + RUN;

    /** Firebase's stand-in answers FCM's 50 ms in the load driver off Jetty's threads, as many at once as asked. */
    public static final WireMockServer FIREBASE = new WireMockServer(options()
            .dynamicPort()
            .containerThreads(64)
            .asynchronousResponseEnabled(true)
            .asynchronousResponseThreads(16));

    public static final WireMockServer SMS = new WireMockServer(options().dynamicPort());
    public static final WechatPaySimulator WECHAT_PAY_SIMULATOR = new WechatPaySimulator();
    public static final WireMockServer WECHAT_PAY =
            new WireMockServer(options().dynamicPort().extensions(WECHAT_PAY_SIMULATOR));

    private static boolean started;

    private TestInfrastructure() {}

    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        execute("create database " + DATABASE);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> execute("drop database if exists " + DATABASE + " with (force)")));
        FIREBASE.start();
        stubFirebase();
        Runtime.getRuntime().addShutdownHook(new Thread(FIREBASE::stop));
        SMS.start();
        stubSms();
        Runtime.getRuntime().addShutdownHook(new Thread(SMS::stop));
        WECHAT_PAY.start();
        WECHAT_PAY.stubFor(
                any(urlPathMatching("/v3/.*")).willReturn(aResponse().withTransformers(WechatPaySimulator.NAME)));
        Runtime.getRuntime().addShutdownHook(new Thread(WECHAT_PAY::stop));
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::deleteRedisKeys));
        System.setProperty("carecircle.db.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        System.setProperty("carecircle.db.user", USER);
        System.setProperty("carecircle.redis.key-prefix", REDIS_PREFIX);
        System.setProperty("carecircle.firebase.auth-emulator-host", "127.0.0.1:" + FIREBASE.port());
        System.setProperty("carecircle.firebase.messaging-endpoint", "http://127.0.0.1:" + FIREBASE.port());
        System.setProperty("carecircle.sms.base-url", "http://127.0.0.1:" + SMS.port());
        System.setProperty("carecircle.bootstrap.operator-uids", OPERATOR_UID);
        System.setProperty("carecircle.payments.wechat.merchant-id", TestKeys.MERCHANT_ID);
        System.setProperty("carecircle.payments.wechat.app-id", TestKeys.APP_ID);
        System.setProperty("carecircle.payments.wechat.merchant-serial-number", TestKeys.MERCHANT_SERIAL);
        System.setProperty(
                "carecircle.payments.wechat.merchant-private-key-pem", TestKeys.privatePem(TestKeys.MERCHANT));
        System.setProperty("carecircle.payments.wechat.public-key-id", TestKeys.PUBLIC_KEY_ID);
        System.setProperty("carecircle.payments.wechat.public-key-pem", TestKeys.publicPem(TestKeys.PLATFORM));
        System.setProperty("carecircle.payments.wechat.api-v3-key", TestKeys.API_V3_KEY);
        System.setProperty("carecircle.payments.wechat.base-url", "http://127.0.0.1:" + WECHAT_PAY.port());
        System.setProperty(
                "carecircle.payments.wechat.notify-url", "https://carecircle.example.cn/api/v1/payments/wechat/notify");
    }

    /** The emulator's answers the Admin SDK needs: the user look-up after token checks, and claim updates. */
    public static void stubFirebase() {
        FIREBASE.stubFor(post(urlPathMatching("/identitytoolkit.googleapis.com/v1/projects/[^/]+/accounts:lookup"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"users\":[{\"localId\":\"{{jsonPath request.body '$.localId[0]'}}\","
                                + "\"disabled\":false}]}")
                        .withTransformers("response-template")));
        FIREBASE.stubFor(post(urlPathMatching("/identitytoolkit.googleapis.com/v1/projects/[^/]+/accounts:update"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"localId\":\"{{jsonPath request.body '$.localId'}}\"}")
                        .withTransformers("response-template")));
        stubFcm();
    }

    /** FCM's answer to a send, for every test that pushes; a test that needs other answers stubs them on top. */
    public static void stubFcm() {
        FIREBASE.stubFor(post(urlPathMatching("/v1/projects/[^/]+/messages:send"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"name\":\"projects/demo-carecircle/messages/0:{{randomValue length=16 type='NUMERIC'}}\"}")
                        .withTransformers("response-template")));
    }

    /** Tencent Cloud SMS accepting every message (HTTP 200, SendStatusSet code Ok). */
    public static void stubSms() {
        SMS.stubFor(post(urlPathMatching("/"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:{{randomValue length=20 type='NUMERIC'}}\","
                                        + "\"PhoneNumber\":\"{{jsonPath request.body '$.PhoneNumberSet[0]'}}\",\"Fee\":1,"
                                        + "\"SessionContext\":\"{{jsonPath request.body '$.SessionContext'}}\",\"Code\":\"Ok\","
                                        + "\"Message\":\"send success\",\"IsoCode\":\"CN\"}],"
                                        + "\"RequestId\":\"{{randomValue type='UUID'}}\"}}")
                        .withTransformers("response-template")));
    }

    /** Removes every key this run wrote, by prefix, with SCAN (never KEYS). */
    private static void deleteRedisKeys() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            var redis = connection.sync();
            io.lettuce.core.ScanArgs match =
                    io.lettuce.core.ScanArgs.Builder.matches(REDIS_PREFIX + "*").limit(500);
            io.lettuce.core.KeyScanCursor<String> cursor = redis.scan(match);
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    redis.del(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    break;
                }
                cursor = redis.scan(cursor, match);
            }
        } finally {
            client.shutdown();
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database set-up failed: " + sql, e);
        }
    }
}
