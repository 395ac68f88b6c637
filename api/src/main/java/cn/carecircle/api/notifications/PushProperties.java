package cn.carecircle.api.notifications;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pushes to devices through FCM.
 *
 * @param enabled whether pushes go to FCM at all; when off (the demo), notices still reach the live streams
 * @param threads the Firebase Admin SDK's send pool: its asynchronous calls run the HTTP requests on these
 * @param timeout connect and read time-out of one FCM request
 */
@Validated
@ConfigurationProperties("carecircle.push")
public record PushProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64") @Min(1) @Max(256) int threads,
        @DefaultValue("PT10S") Duration timeout) {}
