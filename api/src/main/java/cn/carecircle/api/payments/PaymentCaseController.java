package cn.carecircle.api.payments;

import cn.carecircle.api.contract.PaymentCasesApi;
import cn.carecircle.api.contract.model.OfflineSettlementRequestDto;
import cn.carecircle.api.contract.model.PaymentCaseActionDto;
import cn.carecircle.api.contract.model.PaymentCaseDto;
import cn.carecircle.api.contract.model.PaymentCaseListDto;
import cn.carecircle.api.contract.model.PaymentCaseRetryOutcomeDto;
import cn.carecircle.api.contract.model.PaymentCaseStatusDto;
import cn.carecircle.api.contract.model.ServiceTypeDto;
import cn.carecircle.api.security.Caller;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class PaymentCaseController implements PaymentCasesApi {

    private final PaymentCases cases;

    PaymentCaseController(PaymentCases cases) {
        this.cases = cases;
    }

    @Override
    public Mono<ResponseEntity<PaymentCaseListDto>> listPaymentCases(
            UUID communityId, PaymentCaseStatusDto status, ServerWebExchange exchange) {
        return Flux.defer(() -> cases.list(
                        Caller.of(exchange),
                        communityId,
                        status == null ? null : PaymentCase.Status.valueOf(status.name())))
                .map(c -> toDto(c, null))
                .collectList()
                .map(items -> ResponseEntity.ok(new PaymentCaseListDto().items(items)));
    }

    @Override
    public Mono<ResponseEntity<PaymentCaseDto>> retryPaymentCase(UUID paymentCaseId, ServerWebExchange exchange) {
        return Mono.defer(() -> cases.retry(Caller.of(exchange), paymentCaseId))
                .map(h -> ResponseEntity.ok(toDto(h.paymentCase(), h.outcome())));
    }

    @Override
    public Mono<ResponseEntity<PaymentCaseDto>> settlePaymentCaseOffline(
            UUID paymentCaseId, Mono<OfflineSettlementRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(b -> cases.settleOffline(caller, paymentCaseId, b.getReason(), b.getReference()))
                .map(h -> ResponseEntity.ok(toDto(h.paymentCase(), h.outcome())));
    }

    private static PaymentCaseDto toDto(PaymentCase c, PaymentCase.RetryOutcome outcome) {
        return new PaymentCaseDto()
                .id(c.id())
                .orderId(c.orderId())
                .communityId(c.communityId())
                .service(ServiceTypeDto.valueOf(c.service().name()))
                .elderMaskedName(c.elderMaskedName())
                .action(PaymentCaseActionDto.valueOf(c.action().name()))
                .amountFen(c.amountFen())
                .gatewayCode(c.gatewayCode())
                .gatewayMessage(c.gatewayMessage())
                .openedAt(utc(c.openedAt()))
                .status(PaymentCaseStatusDto.valueOf(c.status().name()))
                .resolvedAt(utc(c.resolvedAt()))
                .resolvedBy(c.resolvedBy())
                .resolvedByName(c.resolvedByName())
                .reason(c.reason())
                .reference(c.reference())
                .retryOutcome(outcome == null ? null : PaymentCaseRetryOutcomeDto.valueOf(outcome.name()));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
