package cn.carecircle.api.community;

import cn.carecircle.api.contract.CommunitiesApi;
import cn.carecircle.api.contract.model.CommunityDto;
import cn.carecircle.api.contract.model.CreateCommunityRequestDto;
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
class CommunityController implements CommunitiesApi {

    private final CommunityService service;
    private final CommunityMapper mapper;

    CommunityController(CommunityService service, CommunityMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<Flux<CommunityDto>>> listCommunities(ServerWebExchange exchange) {
        return Mono.fromSupplier(
                () -> ResponseEntity.ok(service.visibleTo(Caller.of(exchange)).map(mapper::toDto)));
    }

    @Override
    public Mono<ResponseEntity<CommunityDto>> createCommunity(
            Mono<CreateCommunityRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toCommand)
                .flatMap(command -> service.create(caller, command))
                .map(c -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(c)));
    }

    @Override
    public Mono<ResponseEntity<CommunityDto>> getCommunity(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.getFor(Caller.of(exchange), communityId))
                .map(c -> ResponseEntity.ok(mapper.toDto(c)));
    }
}
