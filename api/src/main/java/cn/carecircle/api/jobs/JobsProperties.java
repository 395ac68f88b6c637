package cn.carecircle.api.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether this instance polls for due work (tests turn it off and run the work themselves)
 * @param pollEvery how long an idle instance waits before looking again
 */
@ConfigurationProperties("carecircle.jobs")
public record JobsProperties(Boolean enabled, Duration pollEvery) {
    public JobsProperties {
        enabled = enabled == null || enabled;
        pollEvery = pollEvery == null ? Duration.ofSeconds(1) : pollEvery;
    }
}
