package cn.carecircle.api.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProdProfileTest {

    @Test
    void theProdProfileRefusesToStartInAuthEmulatorMode() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        FirebaseProperties emulator =
                new FirebaseProperties("demo-carecircle", "key", "127.0.0.1:9099", null, Duration.ofMinutes(1));
        assertThatThrownBy(() -> new FirebaseConfiguration().firebaseApp(emulator, prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("emulator");
    }
}
