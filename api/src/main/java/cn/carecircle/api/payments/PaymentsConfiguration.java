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
import org.springframework.r2dbc.core.DatabaseClient;

/** The payment gateway: WeChat Pay when a merchant is configured, else the in-memory fake (the demo). */
@Configuration
class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    @Bean
    NotificationDeduplicator notificationDeduplicator(DatabaseClient db, Clock clock) {
        return new PostgresNotificationDeduplicator(db, clock);
    }

    @Bean
    PaymentGateway paymentGateway(PaymentsProperties properties, NotificationDeduplicator deduplicator, Clock clock) {
        PaymentsProperties.Wechat w = properties.wechat();
        if (w == null || !w.configured()) {
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
