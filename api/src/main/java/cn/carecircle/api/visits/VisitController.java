package cn.carecircle.api.visits;

import cn.carecircle.api.contract.VisitsApi;
import cn.carecircle.api.contract.model.RecordVisitRequestDto;
import cn.carecircle.api.contract.model.VisitMethodDto;
import cn.carecircle.api.contract.model.VisitMonthDto;
import cn.carecircle.api.contract.model.VisitRecordDto;
import cn.carecircle.api.contract.model.VisitSettingsDto;
import cn.carecircle.api.contract.model.VisitSettingsInputDto;
import cn.carecircle.api.security.Caller;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;
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
class VisitController implements VisitsApi {

    private final VisitService service;
    private final VisitMapper mapper;

    VisitController(VisitService service, VisitMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<VisitSettingsDto>> getVisitSettings(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.settings(Caller.of(exchange), communityId))
                .map(methods -> ResponseEntity.ok(settings(communityId, methods)));
    }

    @Override
    public Mono<ResponseEntity<VisitSettingsDto>> changeVisitSettings(
            UUID communityId, Mono<VisitSettingsInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(dto -> {
                    Set<VisitMethod> methods = EnumSet.noneOf(VisitMethod.class);
                    dto.getAllowedMethods().forEach(m -> methods.add(VisitMethod.valueOf(m.name())));
                    return methods;
                })
                .flatMap(methods -> service.changeSettings(caller, communityId, methods))
                .map(methods -> ResponseEntity.ok(settings(communityId, methods)));
    }

    private static VisitSettingsDto settings(UUID communityId, Set<VisitMethod> methods) {
        return new VisitSettingsDto(
                communityId,
                methods.stream().map(m -> VisitMethodDto.valueOf(m.name())).toList());
    }

    @Override
    public Mono<ResponseEntity<VisitMonthDto>> getVisitMonth(
            UUID communityId, String month, ServerWebExchange exchange) {
        return Mono.defer(() ->
                        service.month(Caller.of(exchange), communityId, month == null ? null : YearMonth.parse(month)))
                .map(m -> ResponseEntity.ok(mapper.toDto(m)));
    }

    @Override
    public Mono<ResponseEntity<VisitRecordDto>> recordVisit(
            Mono<RecordVisitRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toCommand)
                .flatMap(command -> service.record(caller, command))
                .map(record -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(record)));
    }

    @Override
    public Mono<ResponseEntity<Flux<VisitRecordDto>>> listElderVisits(UUID elderId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.ofElder(Caller.of(exchange), elderId))
                .map(records -> ResponseEntity.ok(Flux.fromIterable(records).map(mapper::toDto)));
    }
}
