package cn.carecircle.api.community;

import cn.carecircle.api.contract.CommunitiesApi;
import cn.carecircle.api.contract.model.CommunityDto;
import cn.carecircle.api.contract.model.CreateCommunityRequestDto;
import cn.carecircle.api.contract.model.PriceListDto;
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
    private final PriceListService prices;
    private final CommunityMapper mapper;

    CommunityController(CommunityService service, PriceListService prices, CommunityMapper mapper) {
        this.service = service;
        this.prices = prices;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<PriceListDto>> getPriceList(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> prices.get(Caller.of(exchange), communityId).collectList())
                .map(entries -> ResponseEntity.ok(toDto(entries)));
    }

    @Override
    public Mono<ResponseEntity<PriceListDto>> replacePriceList(
            UUID communityId, Mono<PriceListDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(dto -> dto.getEntries().stream().map(mapper::toEntry).toList())
                .flatMap(entries -> prices.replace(caller, communityId, entries).collectList())
                .map(entries -> ResponseEntity.ok(toDto(entries)));
    }

    private PriceListDto toDto(java.util.List<PriceListEntry> entries) {
        return new PriceListDto(entries.stream().map(mapper::toDto).toList());
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
