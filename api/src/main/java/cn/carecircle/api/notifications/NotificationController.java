package cn.carecircle.api.notifications;

import cn.carecircle.api.contract.NotificationsApi;
import cn.carecircle.api.contract.model.DeviceTokenDto;
import cn.carecircle.api.contract.model.DeviceTokenRequestDto;
import cn.carecircle.api.contract.model.LiveNoticeDto;
import cn.carecircle.api.contract.model.OrderChangeDto;
import cn.carecircle.api.contract.model.OrderEventDto;
import cn.carecircle.api.security.Caller;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class NotificationController implements NotificationsApi {

    private final DeviceTokens devices;
    private final LiveStreams streams;
    private final NotificationMapper mapper;

    NotificationController(DeviceTokens devices, LiveStreams streams, NotificationMapper mapper) {
        this.devices = devices;
        this.streams = streams;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<DeviceTokenDto>> registerDeviceToken(
            Mono<DeviceTokenRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(request -> devices.register(
                        caller,
                        request.getToken(),
                        DevicePlatform.valueOf(request.getPlatform().getValue())))
                .map(device -> ResponseEntity.ok(mapper.toDto(device)));
    }

    @Override
    public Mono<ResponseEntity<Void>> removeDeviceToken(String token, ServerWebExchange exchange) {
        return Mono.defer(() -> devices.remove(Caller.of(exchange), token))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<Flux<LiveNoticeDto>>> streamMyEvents(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> streams.account(Caller.of(exchange))).map(NotificationController::stream);
    }

    @Override
    public Mono<ResponseEntity<Flux<OrderEventDto>>> streamOrderEvents(
            UUID orderId, Long lastEventId, ServerWebExchange exchange) {
        return Mono.defer(() -> streams.order(Caller.of(exchange), orderId, lastEventId == null ? 0 : lastEventId))
                .map(NotificationController::stream);
    }

    @Override
    public Mono<ResponseEntity<Flux<OrderChangeDto>>> streamCommunityEvents(
            UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> streams.community(Caller.of(exchange), communityId))
                .map(NotificationController::stream);
    }

    /**
     * The contract types a stream's items as the data they carry; WebFlux's event-stream writer sends an item that
     * is a {@link ServerSentEvent} as it is (its name, id and comments) and wraps any other item as data. This cast
     * hands it the events, which it needs for the names, ids and heartbeat comments the contract describes.
     */
    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<Flux<T>> stream(Flux<ServerSentEvent<T>> events) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // nginx and similar proxies must pass each event on at once rather than buffer the response
                .header("X-Accel-Buffering", "no")
                .body((Flux<T>) (Flux<?>) events);
    }
}
