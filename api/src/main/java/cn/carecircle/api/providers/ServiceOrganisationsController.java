package cn.carecircle.api.providers;

import cn.carecircle.api.contract.ServiceOrganisationsApi;
import cn.carecircle.api.contract.model.OrganisationKindDto;
import cn.carecircle.api.contract.model.ProviderOrganisationDto;
import cn.carecircle.api.contract.model.ProviderOrganisationInputDto;
import cn.carecircle.api.contract.model.ServiceOrganisationDto;
import cn.carecircle.api.contract.model.ServiceOrganisationInputDto;
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
class ServiceOrganisationsController implements ServiceOrganisationsApi {

    private final ServiceOrganisations organisations;

    ServiceOrganisationsController(ServiceOrganisations organisations) {
        this.organisations = organisations;
    }

    @Override
    public Mono<ResponseEntity<Flux<ServiceOrganisationDto>>> listServiceOrganisations(
            UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() ->
                        organisations.list(Caller.of(exchange), communityId).collectList())
                .map(list -> ResponseEntity.ok(Flux.fromIterable(list).map(ServiceOrganisationsController::toDto)));
    }

    @Override
    public Mono<ResponseEntity<ServiceOrganisationDto>> createServiceOrganisation(
            Mono<ServiceOrganisationInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> organisations.create(
                        caller,
                        dto.getCommunityId(),
                        ServiceOrganisations.Kind.valueOf(dto.getKind().getValue()),
                        dto.getName()))
                .map(o -> ResponseEntity.status(HttpStatus.CREATED).body(toDto(o)));
    }

    @Override
    public Mono<ResponseEntity<ProviderOrganisationDto>> setProviderOrganisation(
            UUID providerId, Mono<ProviderOrganisationInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> organisations
                        .setEmployer(caller, providerId, dto.getOrganisationId())
                        .thenReturn(new ProviderOrganisationDto(providerId).organisationId(dto.getOrganisationId())))
                .map(ResponseEntity::ok);
    }

    private static ServiceOrganisationDto toDto(ServiceOrganisations.Organisation o) {
        return new ServiceOrganisationDto(
                o.id(),
                o.communityId(),
                OrganisationKindDto.fromValue(o.kind().name()),
                o.name(),
                o.createdAt().atOffset(ZoneOffset.UTC));
    }
}
