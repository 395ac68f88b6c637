package cn.carecircle.api.elders;

import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.contract.EldersApi;
import cn.carecircle.api.contract.model.CreateElderRequestDto;
import cn.carecircle.api.contract.model.ElderDto;
import cn.carecircle.api.contract.model.ElderPageDto;
import cn.carecircle.api.security.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class ElderController implements EldersApi {

    private final ElderService service;
    private final ElderMapper mapper;

    ElderController(ElderService service, ElderMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<ElderDto>> createElder(Mono<CreateElderRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toCommand)
                .flatMap(command -> service.create(caller, command))
                .map(elder -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(elder)));
    }

    @Override
    public Mono<ResponseEntity<ElderDto>> getElder(UUID elderId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.get(Caller.of(exchange), elderId))
                .map(elder -> ResponseEntity.ok(mapper.toDto(elder)));
    }

    @Override
    public Mono<ResponseEntity<ElderPageDto>> listElders(
            UUID communityId,
            String name,
            String phoneLast4,
            Boolean specialDifficulty,
            Integer page,
            Integer size,
            ServerWebExchange exchange) {
        return Mono.defer(() -> service.list(
                        Caller.of(exchange),
                        new ElderService.ElderFilter(communityId, name, phoneLast4, specialDifficulty),
                        PageRequest.of(page, size)))
                .map(p -> ResponseEntity.ok(new ElderPageDto(
                        p.items().stream()
                                .map(e -> mapper.toSummary(e, service.ageOf(e)))
                                .toList(),
                        p.page(),
                        p.size(),
                        p.total())));
    }
}
