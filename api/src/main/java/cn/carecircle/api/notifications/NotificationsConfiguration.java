package cn.carecircle.api.notifications;

import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** The outbox's ways out: FCM (unless pushes are turned off), the SMS gateway (when on), Redis pub/sub. */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    /** One listener connection per instance; every live stream's subscription shares it. */
    @Bean(destroyMethod = "destroy")
    ReactiveRedisMessageListenerContainer liveListeners(ReactiveRedisConnectionFactory connections) {
        return new ReactiveRedisMessageListenerContainer(connections);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "carecircle.push.enabled", havingValue = "true", matchIfMissing = true)
    FcmPushSender fcmPushSender(FcmProperties fcm, PushProperties push, Environment environment) throws IOException {
        return FcmPushSender.create(fcm, push, environment.acceptsProfiles(Profiles.of("prod")));
    }

    @Bean
    @ConditionalOnProperty(name = "carecircle.sms.enabled", havingValue = "true")
    TencentCloudSmsGateway tencentCloudSmsGateway(SmsProperties sms, JsonMapper json, Clock clock) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        sms.timeout().toMillis())
                .responseTimeout(sms.timeout());
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return new TencentCloudSmsGateway(web, sms, json, clock);
    }
}
