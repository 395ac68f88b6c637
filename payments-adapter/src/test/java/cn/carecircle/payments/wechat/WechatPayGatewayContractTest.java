package cn.carecircle.payments.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import cn.carecircle.payments.InMemoryNotificationDeduplicator;
import cn.carecircle.payments.PaymentGateway;
import cn.carecircle.payments.PaymentGatewayContractTest;
import cn.carecircle.payments.RetryPolicy;
import cn.carecircle.payments.WebhookRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Mono;

/** The port's contract, met by the WeChat Pay adapter talking HTTP to a simulator behind WireMock. */
class WechatPayGatewayContractTest extends PaymentGatewayContractTest {

    private WireMockServer wireMock;
    private WechatPaySimulator simulator;
    private WechatPayGateway gateway;

    @BeforeEach
    void start() {
        simulator = new WechatPaySimulator();
        wireMock = new WireMockServer(options().dynamicPort().extensions(simulator));
        wireMock.start();
        wireMock.stubFor(
                any(urlPathMatching("/v3/.*")).willReturn(aResponse().withTransformers(WechatPaySimulator.NAME)));
        gateway = new WechatPayGateway(
                WechatPayGatewayTestSupport.config(wireMock.baseUrl()),
                RetryPolicy.none(),
                new InMemoryNotificationDeduplicator(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected Mono<WebhookRequest> payerPays(String outTradeNo) {
        return Mono.fromSupplier(() -> simulator.pay(outTradeNo));
    }
}
