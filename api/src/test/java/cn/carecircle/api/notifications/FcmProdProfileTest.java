package cn.carecircle.api.notifications;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FcmProdProfileTest {

    @Test
    void theProdProfileRefusesToStartWithAStandInForFcm() {
        FcmProperties stub = new FcmProperties("demo-carecircle", null, "http://127.0.0.1:8089");
        PushProperties push = new PushProperties(true, 2, Duration.ofSeconds(5));
        assertThatThrownBy(() -> FcmPushSender.create(stub, push, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("messaging-endpoint");
    }
}
