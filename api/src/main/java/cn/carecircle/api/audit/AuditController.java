package cn.carecircle.api.audit;

import cn.carecircle.api.contract.AuditApi;
import cn.carecircle.api.contract.model.AuditEventDto;
import cn.carecircle.api.security.Caller;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class AuditController implements AuditApi {

    private final AuditService service;

    AuditController(AuditService service) {
        this.service = service;
    }

    @Override
    public Mono<ResponseEntity<Flux<AuditEventDto>>> listAuditEvents(UUID subjectId, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> ResponseEntity.ok(service.list(Caller.of(exchange), subjectId)
                .map(e -> new AuditEventDto(
                                e.id(),
                                e.actorAccountId(),
                                e.action(),
                                e.subjectType(),
                                e.subjectId(),
                                e.at().atOffset(ZoneOffset.UTC))
                        .reason(e.reason()))));
    }
}
