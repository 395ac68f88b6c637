package cn.carecircle.api.payments;

import cn.carecircle.api.contract.PaymentsApi;
import cn.carecircle.api.contract.model.AppPaymentDto;
import cn.carecircle.api.contract.model.EarningsDto;
import cn.carecircle.api.contract.model.EarningsJobDto;
import cn.carecircle.api.contract.model.OrderPaymentDto;
import cn.carecircle.api.contract.model.PayOrderRequestDto;
import cn.carecircle.api.contract.model.PaymentQuoteDto;
import cn.carecircle.api.contract.model.PaymentStateDto;
import cn.carecircle.api.contract.model.ServiceTypeDto;
import cn.carecircle.api.contract.model.SubsidyPolicyDto;
import cn.carecircle.api.contract.model.SubsidyPolicyInputDto;
import cn.carecircle.api.security.Caller;
import cn.carecircle.payments.AppPayment;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class PaymentController implements PaymentsApi {

    private final PaymentService service;

    PaymentController(PaymentService service) {
        this.service = service;
    }

    @Override
    public Mono<ResponseEntity<PaymentQuoteDto>> getOrderQuote(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.quote(Caller.of(exchange), orderId))
                .map(s -> ResponseEntity.ok(new PaymentQuoteDto()
                        .orderId(s.orderId())
                        .subsidyFen(s.subsidyFen())
                        .onlineFen(s.onlineFen())
                        .totalFen(s.totalFen())));
    }

    @Override
    public Mono<ResponseEntity<OrderPaymentDto>> payOrder(
            UUID orderId, Mono<PayOrderRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(b -> service.pay(caller, orderId, b.getExpectedTotalFen()))
                .map(paid -> ResponseEntity.ok(toDto(paid.payment(), paid.app())));
    }

    @Override
    public Mono<ResponseEntity<OrderPaymentDto>> getOrderPayment(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.status(Caller.of(exchange), orderId))
                .map(p -> ResponseEntity.ok(toDto(p, null)));
    }

    @Override
    public Mono<ResponseEntity<SubsidyPolicyDto>> getSubsidyPolicy(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.policy(Caller.of(exchange), communityId))
                .map(p -> ResponseEntity.ok(toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<SubsidyPolicyDto>> setSubsidyPolicy(
            UUID communityId, Mono<SubsidyPolicyInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(b -> service.setPolicy(caller, communityId, b.getMonthlyFen()))
                .map(p -> ResponseEntity.ok(toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<EarningsDto>> getMyEarnings(String month, ServerWebExchange exchange) {
        return Mono.defer(() -> service.earnings(Caller.of(exchange), java.time.YearMonth.parse(month)))
                .map(e -> ResponseEntity.ok(new EarningsDto()
                        .month(e.month().toString())
                        .settledFen(e.settledFen())
                        .pendingFen(e.pendingFen())
                        .jobs(e.jobs().stream()
                                .map(j -> new EarningsJobDto()
                                        .orderId(j.orderId())
                                        .service(ServiceTypeDto.valueOf(
                                                j.service().name()))
                                        .windowStart(j.windowStart().atOffset(java.time.ZoneOffset.UTC))
                                        .amountFen(j.shareFen())
                                        .settled(j.state() == Payment.State.SETTLED))
                                .toList())));
    }

    private static SubsidyPolicyDto toDto(PaymentService.Policy p) {
        return new SubsidyPolicyDto()
                .communityId(p.communityId())
                .monthlyFen(p.monthlyFen())
                .communityDefault(p.communityDefault())
                .eligibleElders(p.eligibleElders())
                .updatedAt(p.updatedAt() == null ? null : p.updatedAt().atOffset(java.time.ZoneOffset.UTC))
                .updatedByName(p.updatedByName());
    }

    private static OrderPaymentDto toDto(Payment p, AppPayment app) {
        OrderPaymentDto dto = new OrderPaymentDto()
                .orderId(p.orderId())
                .state(PaymentStateDto.valueOf(p.state().name()))
                .subsidyFen(p.subsidyFen())
                .onlineFen(p.onlineFen())
                .totalFen(p.totalFen())
                .outTradeNo(p.onlineFen() > 0 ? p.outTradeNo() : null)
                .refundState(p.refundState());
        if (app != null) {
            dto.appPayment(new AppPaymentDto()
                    .appId(app.appId())
                    .partnerId(app.partnerId())
                    .prepayId(app.prepayId())
                    .packageValue(app.packageValue())
                    .nonceStr(app.nonceStr())
                    .timestamp(app.timestamp())
                    .sign(app.sign()));
        }
        return dto;
    }
}
