package cn.carecircle.api.payments;

import cn.carecircle.payments.WebhookRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * WeChat Pay's notifications. Not in the OpenAPI contract's generated interfaces: the signature covers the exact
 * bytes, so the body is taken as the raw string, never bound to a model first. Without a Firebase token; the
 * signature is the authentication (a bad one is a 401 problem).
 */
@RestController
class WechatPayNotifyController {

    private final PaymentService service;

    WechatPayNotifyController(PaymentService service) {
        this.service = service;
    }

    @PostMapping("/api/v1/payments/wechat/notify")
    Mono<ResponseEntity<Void>> notify(@RequestBody(required = false) String body, ServerHttpRequest request) {
        WebhookRequest webhook = WebhookRequest.fromHeaders(request.getHeaders()::getFirst, body == null ? "" : body);
        return service.notified(webhook)
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
