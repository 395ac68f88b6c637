package cn.carecircle.api.ratings;

import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.contract.FollowUpsApi;
import cn.carecircle.api.contract.model.CloseFollowUpRequestDto;
import cn.carecircle.api.contract.model.FollowUpCallRequestDto;
import cn.carecircle.api.contract.model.FollowUpCaseDto;
import cn.carecircle.api.contract.model.FollowUpFindingRequestDto;
import cn.carecircle.api.contract.model.FollowUpPageDto;
import cn.carecircle.api.contract.model.FollowUpStatusDto;
import cn.carecircle.api.contract.model.ProviderResponseRequestDto;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class FollowUpController implements FollowUpsApi {

    private final FollowUpService service;
    private final RatingsMapper mapper;
    private final Clock clock;

    FollowUpController(FollowUpService service, RatingsMapper mapper, Clock clock) {
        this.service = service;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<FollowUpPageDto>> listFollowUps(
            UUID communityId,
            FollowUpStatusDto status,
            Boolean overdue,
            Integer page,
            Integer size,
            ServerWebExchange exchange) {
        return Mono.defer(() -> service.list(
                        Caller.of(exchange),
                        communityId,
                        status == null ? null : FollowUpCase.Status.valueOf(status.getValue()),
                        Boolean.TRUE.equals(overdue),
                        PageRequest.of(page, size)))
                .map(p -> ResponseEntity.ok(new FollowUpPageDto(
                        p.items().stream()
                                .map(c -> mapper.toSummary(c, clock.instant()))
                                .toList(),
                        p.page(),
                        p.size(),
                        p.total())));
    }

    @Override
    public Mono<ResponseEntity<FollowUpCaseDto>> getFollowUp(UUID caseId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.get(Caller.of(exchange), caseId)).map(this::ok);
    }

    @Override
    public Mono<ResponseEntity<FollowUpCaseDto>> recordFollowUpCall(
            UUID caseId, Mono<FollowUpCallRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> service.call(
                        caller,
                        caseId,
                        FollowUpCase.CallOutcome.valueOf(dto.getOutcome().getValue()),
                        dto.getNote()))
                .map(this::ok);
    }

    @Override
    public Mono<ResponseEntity<Void>> respondToFollowUp(
            UUID caseId, Mono<ProviderResponseRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> service.respond(caller, caseId, dto.getStatement()))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @Override
    public Mono<ResponseEntity<FollowUpCaseDto>> recordFollowUpFinding(
            UUID caseId, Mono<FollowUpFindingRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> service.finding(
                        caller,
                        caseId,
                        FollowUpCase.Finding.valueOf(dto.getFinding().getValue()),
                        dto.getRemedy()))
                .map(this::ok);
    }

    @Override
    public Mono<ResponseEntity<FollowUpCaseDto>> closeFollowUp(
            UUID caseId, Mono<CloseFollowUpRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> service.close(
                        caller,
                        caseId,
                        dto.getHandlingLevel() == null
                                ? null
                                : RatingLevel.valueOf(dto.getHandlingLevel().getValue()),
                        dto.getNote()))
                .map(this::ok);
    }

    private ResponseEntity<FollowUpCaseDto> ok(FollowUpService.Detail detail) {
        return ResponseEntity.ok(mapper.toDto(detail, clock.instant()));
    }
}
