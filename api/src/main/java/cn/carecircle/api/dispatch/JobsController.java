package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.contract.JobsApi;
import cn.carecircle.api.contract.model.CheckInRequestDto;
import cn.carecircle.api.contract.model.CheckOutRequestDto;
import cn.carecircle.api.contract.model.JobDto;
import cn.carecircle.api.contract.model.OfferDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
import cn.carecircle.api.security.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The provider's side: offers, jobs, and the visit at the door. */
@RestController
@RequestMapping("/api/v1")
class JobsController implements JobsApi {

    private final Dispatcher dispatcher;
    private final Visits visits;
    private final JobsMapper mapper;

    JobsController(Dispatcher dispatcher, Visits visits, JobsMapper mapper) {
        this.dispatcher = dispatcher;
        this.visits = visits;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<Flux<OfferDto>>> listMyOffers(ServerWebExchange exchange) {
        return Mono.defer(() -> dispatcher.openOffers(Caller.of(exchange)).collectList())
                .map(offers -> ResponseEntity.ok(Flux.fromIterable(offers).map(mapper::toDto)));
    }

    @Override
    public Mono<ResponseEntity<JobDto>> acceptOffer(UUID offerId, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Mono.defer(() -> dispatcher.accept(caller, offerId))
                .flatMap(orderId -> visits.job(caller, orderId))
                .map(job -> ResponseEntity.ok(mapper.toDto(job)));
    }

    @Override
    public Mono<ResponseEntity<Void>> declineOffer(UUID offerId, ServerWebExchange exchange) {
        return Mono.defer(() -> dispatcher.decline(Caller.of(exchange), offerId))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @Override
    public Mono<ResponseEntity<Flux<JobDto>>> listMyJobs(ServerWebExchange exchange) {
        return Mono.defer(() -> visits.jobs(Caller.of(exchange)).collectList())
                .map(jobs -> ResponseEntity.ok(Flux.fromIterable(jobs).map(mapper::toDto)));
    }

    @Override
    public Mono<ResponseEntity<JobDto>> getMyJob(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> visits.job(Caller.of(exchange), orderId))
                .map(job -> ResponseEntity.ok(mapper.toDto(job)));
    }

    @Override
    public Mono<ResponseEntity<JobDto>> checkIn(
            UUID orderId, Mono<CheckInRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> visits.checkIn(
                        caller,
                        orderId,
                        new GeoPoint(r.getPosition().getLat(), r.getPosition().getLon()),
                        r.getVisitCode()))
                .map(job -> ResponseEntity.ok(mapper.toDto(job)));
    }

    @Override
    public Mono<ResponseEntity<JobDto>> checkOut(
            UUID orderId, Mono<CheckOutRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> visits.checkOut(caller, orderId, r.getNote().strip()))
                .map(job -> ResponseEntity.ok(mapper.toDto(job)));
    }

    @Override
    public Mono<ResponseEntity<Void>> withdrawFromJob(
            UUID orderId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> dispatcher.withdraw(caller, orderId, r.getReason()))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }
}
