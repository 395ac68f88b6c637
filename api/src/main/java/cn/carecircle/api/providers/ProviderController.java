package cn.carecircle.api.providers;

import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.contract.ProvidersApi;
import cn.carecircle.api.contract.model.CredentialDecisionDto;
import cn.carecircle.api.contract.model.CredentialInputDto;
import cn.carecircle.api.contract.model.OnboardProviderRequestDto;
import cn.carecircle.api.contract.model.PresenceReportDto;
import cn.carecircle.api.contract.model.ProviderDto;
import cn.carecircle.api.contract.model.ProviderPageDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
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
class ProviderController implements ProvidersApi {

    private final ProviderService service;
    private final PresenceService presence;
    private final ProviderMapper mapper;

    ProviderController(ProviderService service, PresenceService presence, ProviderMapper mapper) {
        this.service = service;
        this.presence = presence;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<Void>> reportPresence(Mono<PresenceReportDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> presence.report(
                        caller,
                        new cn.carecircle.api.common.GeoPoint(
                                r.getPosition().getLat(), r.getPosition().getLon())))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @Override
    public Mono<ResponseEntity<Void>> goOffline(ServerWebExchange exchange) {
        return Mono.defer(() -> presence.offline(Caller.of(exchange)))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> onboardProvider(
            Mono<OnboardProviderRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toCommand)
                .flatMap(command -> service.onboard(caller, command))
                .map(p -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> getMyProvider(ServerWebExchange exchange) {
        return Mono.defer(() -> service.mine(Caller.of(exchange))).map(p -> ResponseEntity.ok(mapper.toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> getProvider(UUID providerId, ServerWebExchange exchange) {
        return Mono.defer(() -> service.get(Caller.of(exchange), providerId))
                .map(p -> ResponseEntity.ok(mapper.toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<ProviderPageDto>> listProviders(
            UUID communityId, Boolean pendingVerification, Integer page, Integer size, ServerWebExchange exchange) {
        return Mono.defer(() -> service.list(
                        Caller.of(exchange),
                        communityId,
                        Boolean.TRUE.equals(pendingVerification),
                        PageRequest.of(page, size)))
                .map(p -> ResponseEntity.ok(new ProviderPageDto(
                        p.items().stream().map(mapper::toDto).toList(), p.page(), p.size(), p.total())));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> addCredential(
            UUID providerId, Mono<CredentialInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toInput)
                .flatMap(input -> service.addCredential(caller, providerId, input))
                .map(p -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> decideCredential(
            UUID providerId, UUID credentialId, Mono<CredentialDecisionDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(
                        d -> service.decideCredential(caller, providerId, credentialId, d.getVerified(), d.getNote()))
                .map(p -> ResponseEntity.ok(mapper.toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> suspendProvider(
            UUID providerId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.setSuspended(caller, providerId, true, r.getReason()))
                .map(p -> ResponseEntity.ok(mapper.toDto(p)));
    }

    @Override
    public Mono<ResponseEntity<ProviderDto>> reinstateProvider(
            UUID providerId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.setSuspended(caller, providerId, false, r.getReason()))
                .map(p -> ResponseEntity.ok(mapper.toDto(p)));
    }
}
