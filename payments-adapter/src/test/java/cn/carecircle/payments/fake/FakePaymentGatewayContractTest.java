package cn.carecircle.payments.fake;

import cn.carecircle.payments.PaymentGateway;
import cn.carecircle.payments.PaymentGatewayContractTest;
import cn.carecircle.payments.WebhookRequest;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Mono;

class FakePaymentGatewayContractTest extends PaymentGatewayContractTest {

    private FakePaymentGateway fake;

    @BeforeEach
    void newFake() {
        fake = new FakePaymentGateway();
    }

    @Override
    protected PaymentGateway gateway() {
        return fake;
    }

    @Override
    protected Mono<WebhookRequest> payerPays(String outTradeNo) {
        return fake.payerPays(outTradeNo);
    }
}
