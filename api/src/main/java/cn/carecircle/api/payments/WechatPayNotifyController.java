package cn.carecircle.api.payments;

import cn.carecircle.api.contract.PaymentNotificationsApi;
import cn.carecircle.payments.WebhookRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * WeChat Pay's notifications, without a Firebase token: the signature is the authentication (a bad one is a 401
 * problem). The body arrives as the raw string, never bound to a model first, since the signature covers the exact
 * bytes.
 */
@RestController
@RequestMapping("/api/v1")
class WechatPayNotifyController implements PaymentNotificationsApi {

    private final PaymentService service;

    WechatPayNotifyController(PaymentService service) {
        this.service = service;
    }

    @Override
    public Mono<ResponseEntity<Void>> receiveWechatPayNotification(
            Mono<String> body,
            String serial,
            String signature,
            String signatureType,
            String nonce,
            String timestamp,
            ServerWebExchange exchange) {
        return body.defaultIfEmpty("")
                .map(raw -> new WebhookRequest(serial, signature, signatureType, nonce, timestamp, raw))
                .flatMap(service::notified)
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
