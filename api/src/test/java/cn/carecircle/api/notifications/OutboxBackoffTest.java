package cn.carecircle.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxBackoffTest {

    private final OutboxProperties properties =
            new OutboxProperties(50, 32, 8, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.2, true, 2);

    @Test
    void theWaitDoublesFromTheFirstRetryUpToTheCap() {
        assertThat(properties.backoff(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoff(2, 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoff(3, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.backoff(7, 0)).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.backoff(40, 0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterAddsAtMostItsShare() {
        assertThat(properties.backoff(1, 0.999)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(properties.backoff(40, 0.999)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
    }
}
