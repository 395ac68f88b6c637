package cn.carecircle.api.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.payments.InMemoryNotificationDeduplicator;
import cn.carecircle.payments.fake.FakePaymentGateway;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PaymentsProdProfileTest {

    private final PaymentsProperties noMerchant = new PaymentsProperties(10000, null);

    @Test
    void theProdProfileRefusesToStartWithTheFakeGateway() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new PaymentsConfiguration()
                        .paymentGateway(noMerchant, new InMemoryNotificationDeduplicator(), Clock.systemUTC(), prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fake payment gateway");
    }

    @Test
    void withoutAMerchantTheDemoUsesTheFakeGateway() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThat(new PaymentsConfiguration()
                        .paymentGateway(noMerchant, new InMemoryNotificationDeduplicator(), Clock.systemUTC(), demo))
                .isInstanceOf(FakePaymentGateway.class);
    }
}
