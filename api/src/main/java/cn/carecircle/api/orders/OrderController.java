package cn.carecircle.api.orders;

import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.contract.OrdersApi;
import cn.carecircle.api.contract.model.DisputeFindingDto;
import cn.carecircle.api.contract.model.OrderDto;
import cn.carecircle.api.contract.model.OrderEventDto;
import cn.carecircle.api.contract.model.OrderPageDto;
import cn.carecircle.api.contract.model.OrderStatusDto;
import cn.carecircle.api.contract.model.PlaceOrderRequestDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
import cn.carecircle.api.security.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class OrderController implements OrdersApi {

    private final OrderService service;
    private final OrderMapper mapper;

    OrderController(OrderService service, OrderMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> placeOrder(Mono<PlaceOrderRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toCommand)
                .flatMap(command -> service.place(caller, command))
                .map(order -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> getOrder(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.get(Caller.of(exchange), orderId))
                .map(order -> ResponseEntity.ok(mapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<Flux<OrderEventDto>>> getOrderTimeline(UUID orderId, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        // the events are read once access is checked, so a refused caller gets a 404 rather than an empty 200
        return service.timeline(caller, orderId)
                .map(events -> ResponseEntity.ok(Flux.fromIterable(events).map(mapper::toDto)));
    }

    @Override
    public Mono<ResponseEntity<OrderPageDto>> listOrders(
            UUID elderId, OrderStatusDto status, Integer page, Integer size, ServerWebExchange exchange) {
        return Mono.defer(() -> service.list(
                        Caller.of(exchange),
                        elderId,
                        status == null ? null : OrderStatus.valueOf(status.getValue()),
                        PageRequest.of(page, size)))
                .map(p -> ResponseEntity.ok(new OrderPageDto(
                        p.items().stream().map(mapper::toDto).toList(), p.page(), p.size(), p.total())));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> confirmOrder(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.confirm(Caller.of(exchange), orderId))
                .map(order -> ResponseEntity.ok(mapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> disputeOrder(
            UUID orderId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.dispute(caller, orderId, r.getReason()))
                .map(order -> ResponseEntity.ok(mapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> decideDispute(
            UUID orderId, Mono<DisputeFindingDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.decideDispute(
                        caller, orderId, OrderStatus.valueOf(r.getOutcome().getValue()), r.getReason()))
                .map(order -> ResponseEntity.ok(mapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> cancelOrder(
            UUID orderId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.cancel(caller, orderId, r.getReason()))
                .map(order -> ResponseEntity.ok(mapper.toDto(order)));
    }
}
