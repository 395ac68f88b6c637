package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.contract.DispatchApi;
import cn.carecircle.api.contract.model.AssignmentRequestDto;
import cn.carecircle.api.contract.model.CandidateListDto;
import cn.carecircle.api.contract.model.DispatchAttentionDto;
import cn.carecircle.api.contract.model.DispatchBoardDto;
import cn.carecircle.api.contract.model.DispatchBoardEntryDto;
import cn.carecircle.api.contract.model.IneligibilityReasonDto;
import cn.carecircle.api.contract.model.IneligibleCandidateDto;
import cn.carecircle.api.contract.model.OrderDto;
import cn.carecircle.api.contract.model.RankedCandidateDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
import cn.carecircle.api.contract.model.RedispatchRequestDto;
import cn.carecircle.api.contract.model.ScoreComponentDto;
import cn.carecircle.api.contract.model.TravelModeDto;
import cn.carecircle.api.contract.model.VisitCodeDto;
import cn.carecircle.api.contract.model.VisitCodesDto;
import cn.carecircle.api.orders.OrderMapper;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.IneligibleCandidate;
import cn.carecircle.matching.RankedCandidate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class DispatchController implements DispatchApi {

    private final DispatchBoard board;
    private final Dispatcher dispatcher;
    private final Visits visits;
    private final OrderService orders;
    private final OrderMapper orderMapper;
    private final DispatchProperties properties;
    private final DispatchRepository repository;
    private final Clock clock;

    DispatchController(
            DispatchBoard board,
            Dispatcher dispatcher,
            Visits visits,
            OrderService orders,
            OrderMapper orderMapper,
            DispatchProperties properties,
            DispatchRepository repository,
            Clock clock) {
        this.board = board;
        this.dispatcher = dispatcher;
        this.visits = visits;
        this.orders = orders;
        this.orderMapper = orderMapper;
        this.properties = properties;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> assignOrder(
            UUID orderId, Mono<AssignmentRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> dispatcher.assign(caller, orderId, r.getProviderId(), r.getReason()))
                .map(order -> ResponseEntity.ok(orderMapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> redispatchOrder(
            UUID orderId, Mono<RedispatchRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> dispatcher.redispatch(
                        caller, orderId, r.getReason().strip(), Boolean.TRUE.equals(r.getBroadcast())))
                .map(order -> ResponseEntity.ok(orderMapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<OrderDto>> unlockCheckIn(
            UUID orderId, Integer seatNo, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> visits.unlock(caller, orderId, seatNo, r.getReason()))
                .map(order -> ResponseEntity.ok(orderMapper.toDto(order)));
    }

    @Override
    public Mono<ResponseEntity<VisitCodesDto>> getVisitCodes(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> visits.visitCodes(Caller.of(exchange), orderId))
                .map(seats -> ResponseEntity.ok(new VisitCodesDto(seats.stream()
                        .map(s -> new VisitCodeDto(s.seatNo(), visits.code(s)))
                        .toList())));
    }

    /** What needs a human in a community now: escalated orders, missing check-ins, deadlines close. */
    @Override
    public Mono<ResponseEntity<DispatchBoardDto>> getDispatchBoard(UUID communityId, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        if (!caller.covers(communityId)) {
            return Mono.error(ApiException.forbidden("The community is not one of yours"));
        }
        Instant now = clock.instant();
        return repository
                .needingAttention(communityId, now, now.plus(properties.expiringWithin()))
                .concatMap(a -> orders.byId(a.orderId()).map(order -> {
                    DispatchBoardEntryDto entry = new DispatchBoardEntryDto(
                            orderMapper.toDto(order), DispatchAttentionDto.fromValue(a.kind()));
                    entry.setSince(a.since() == null ? null : a.since().atOffset(ZoneOffset.UTC));
                    entry.setDeadline(a.deadline() == null ? null : a.deadline().atOffset(ZoneOffset.UTC));
                    return entry;
                }))
                .collectList()
                .map(entries -> ResponseEntity.ok(new DispatchBoardDto(communityId, entries)));
    }

    @Override
    public Mono<ResponseEntity<CandidateListDto>> listOrderCandidates(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> board.candidates(Caller.of(exchange), orderId))
                .map(b -> ResponseEntity.ok(new CandidateListDto(
                        b.result().evaluatedAt().atOffset(ZoneOffset.UTC),
                        b.travelLimitMinutes(),
                        b.result().eligible().stream()
                                .map(c -> ranked(c, b.names()))
                                .toList(),
                        b.result().ineligible().stream()
                                .map(c -> ineligible(c, b.names()))
                                .toList())));
    }

    private static RankedCandidateDto ranked(RankedCandidate c, Map<UUID, String> names) {
        return new RankedCandidateDto(
                UUID.fromString(c.providerId()),
                names.getOrDefault(UUID.fromString(c.providerId()), ""),
                round(c.travelMinutes()),
                TravelModeDto.fromValue(c.mode().name()),
                RankedCandidateDto.OriginEnum.fromValue(c.from().name()),
                round(c.score().total()),
                c.score().components().stream()
                        .map(s -> new ScoreComponentDto(
                                ScoreComponentDto.ComponentEnum.fromValue(
                                        s.component().name()),
                                round(s.value()),
                                s.weight(),
                                round(s.points()),
                                s.explanation()))
                        .toList());
    }

    private static IneligibleCandidateDto ineligible(IneligibleCandidate c, Map<UUID, String> names) {
        IneligibleCandidateDto dto = new IneligibleCandidateDto(
                UUID.fromString(c.providerId()),
                names.getOrDefault(UUID.fromString(c.providerId()), ""),
                c.violations().stream()
                        .map(v -> new IneligibilityReasonDto(
                                v.rule().name(), v.hard(), v.rule().description(), v.detail()))
                        .toList());
        dto.setTravelMinutes(Double.isFinite(c.travelMinutes()) ? round(c.travelMinutes()) : null);
        return dto;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
