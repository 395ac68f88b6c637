package cn.carecircle.api.payments;

import cn.carecircle.payments.NotificationDeduplicator;
import cn.carecircle.payments.PaymentGateway;
import cn.carecircle.payments.RetryPolicy;
import cn.carecircle.payments.fake.FakePaymentGateway;
import cn.carecircle.payments.wechat.WechatPayConfig;
import cn.carecircle.payments.wechat.WechatPayGateway;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The payment gateway: WeChat Pay when a merchant is configured, else the in-memory fake (the demo); the prod
 * profile refuses to start with the fake.
 */
@Configuration
class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    @Bean
    NotificationDeduplicator notificationDeduplicator(DatabaseClient db, Clock clock) {
        return new PostgresNotificationDeduplicator(db, clock);
    }

    @Bean
    PaymentGateway paymentGateway(
            PaymentsProperties properties,
            NotificationDeduplicator deduplicator,
            Clock clock,
            Environment environment) {
        PaymentsProperties.Wechat w = properties.wechat();
        if (w == null || !w.configured()) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException(
                        "The fake payment gateway must not be used under the prod profile: set WECHATPAY_MERCHANT_ID"
                                + " and the other carecircle.payments.wechat settings");
            }
            log.info("No WeChat Pay merchant configured: payments go to the in-memory fake gateway");
            return new FakePaymentGateway(clock, Duration.ofMinutes(5), deduplicator);
        }
        WechatPayConfig config = new WechatPayConfig(
                w.merchantId(),
                w.appId(),
                w.merchantSerialNumber(),
                w.merchantPrivateKeyPem(),
                w.publicKeyId(),
                w.publicKeyPem(),
                w.apiV3Key(),
                w.baseUrl(),
                null,
                null,
                w.notifyUrl(),
                null);
        log.info("WeChat Pay merchant {} at {}", w.merchantId(), config.baseUrl());
        return new WechatPayGateway(config, RetryPolicy.DEFAULT, deduplicator, clock);
    }
}
