package cn.carecircle.api.coverage;

import cn.carecircle.api.contract.CoverageApi;
import cn.carecircle.api.contract.model.CoverageDto;
import cn.carecircle.api.security.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class CoverageController implements CoverageApi {

    private final CoverageService service;
    private final CoverageMapper mapper;

    CoverageController(CoverageService service, CoverageMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<CoverageDto>> getCoverage(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.latest(Caller.of(exchange), communityId))
                .map(c -> ResponseEntity.ok(mapper.toDto(c)));
    }

    @Override
    public Mono<ResponseEntity<CoverageDto>> computeCoverage(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.computeNow(Caller.of(exchange), communityId))
                .map(c -> ResponseEntity.ok(mapper.toDto(c)));
    }
}
