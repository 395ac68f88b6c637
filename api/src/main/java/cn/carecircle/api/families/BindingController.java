package cn.carecircle.api.families;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.contract.BindingsApi;
import cn.carecircle.api.contract.model.BindingDto;
import cn.carecircle.api.contract.model.BindingStatusDto;
import cn.carecircle.api.contract.model.ConsentByDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
import cn.carecircle.api.contract.model.RequestBindingRequestDto;
import cn.carecircle.api.elders.CreateElderCommand.ConsentBy;
import cn.carecircle.api.security.Caller;
import java.time.ZoneOffset;
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
class BindingController implements BindingsApi {

    private final BindingService service;

    BindingController(BindingService service) {
        this.service = service;
    }

    @Override
    public Mono<ResponseEntity<Flux<BindingDto>>> listBindings(BindingStatusDto status, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> ResponseEntity.ok(
                service.list(Caller.of(exchange), status == null ? null : Binding.Status.valueOf(status.getValue()))
                        .map(BindingController::toDto)));
    }

    @Override
    public Mono<ResponseEntity<BindingDto>> requestBinding(
            Mono<RequestBindingRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.request(
                        caller,
                        r.getElderIdNumber(),
                        r.getRelationship(),
                        ConsentBy.valueOf(r.getConsentBy().getValue())))
                .map(b -> ResponseEntity.status(HttpStatus.CREATED).body(toDto(b)));
    }

    @Override
    public Mono<ResponseEntity<BindingDto>> confirmBinding(UUID bindingId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.decideAndRead(Caller.of(exchange), bindingId, true, null))
                .map(b -> ResponseEntity.ok(toDto(b)));
    }

    @Override
    public Mono<ResponseEntity<BindingDto>> rejectBinding(
            UUID bindingId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.decideAndRead(caller, bindingId, false, r.getReason()))
                .map(b -> ResponseEntity.ok(toDto(b)));
    }

    static BindingDto toDto(Binding b) {
        BindingDto dto = new BindingDto(
                b.id(),
                b.elderId(),
                b.familyAccountId(),
                BindingStatusDto.fromValue(b.status().name()),
                ConsentByDto.fromValue(b.consentBy().name()),
                b.requestedAt().atOffset(ZoneOffset.UTC));
        dto.setElderMaskedName(Masking.name(b.elderName()));
        dto.setFamilyDisplayName(b.familyDisplayName());
        dto.setRelationship(b.relationship());
        dto.setDecidedAt(b.decidedAt() == null ? null : b.decidedAt().atOffset(ZoneOffset.UTC));
        dto.setDecidedBy(b.decidedBy());
        dto.setReason(b.reason());
        return dto;
    }
}
