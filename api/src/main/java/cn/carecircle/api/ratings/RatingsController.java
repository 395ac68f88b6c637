package cn.carecircle.api.ratings;

import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.contract.RatingsApi;
import cn.carecircle.api.contract.model.AppealDecisionRequestDto;
import cn.carecircle.api.contract.model.AppealRequestDto;
import cn.carecircle.api.contract.model.RateOrderRequestDto;
import cn.carecircle.api.contract.model.RatingAppealDto;
import cn.carecircle.api.contract.model.RatingDto;
import cn.carecircle.api.contract.model.RatingPageDto;
import cn.carecircle.api.contract.model.RatingStatisticsDto;
import cn.carecircle.api.contract.model.ReputationDto;
import cn.carecircle.api.security.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class RatingsController implements RatingsApi {

    private final RatingService ratings;
    private final Reputations reputations;
    private final RatingStatistics statistics;
    private final RatingsMapper mapper;

    RatingsController(
            RatingService ratings, Reputations reputations, RatingStatistics statistics, RatingsMapper mapper) {
        this.ratings = ratings;
        this.reputations = reputations;
        this.statistics = statistics;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<RatingDto>> rateOrder(
            UUID orderId, Mono<RateOrderRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(dto -> new RatingService.RateCommand(
                        RatingLevel.valueOf(dto.getLevel().getValue()),
                        dto.getTags() == null
                                ? List.of()
                                : dto.getTags().stream()
                                        .map(t -> RatingTag.valueOf(t.getValue()))
                                        .toList(),
                        dto.getComment()))
                .flatMap(command -> ratings.rate(caller, orderId, command))
                .map(r -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(r)));
    }

    @Override
    public Mono<ResponseEntity<RatingDto>> getOrderRating(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> ratings.ofOrder(Caller.of(exchange), orderId))
                .map(r -> ResponseEntity.ok(mapper.toDto(r)));
    }

    @Override
    public Mono<ResponseEntity<RatingPageDto>> listMyRatings(Integer page, Integer size, ServerWebExchange exchange) {
        return Mono.defer(() -> ratings.mine(Caller.of(exchange), PageRequest.of(page, size)))
                .map(p -> ResponseEntity.ok(new RatingPageDto(
                        p.items().stream().map(mapper::toDto).toList(), p.page(), p.size(), p.total())));
    }

    @Override
    public Mono<ResponseEntity<RatingAppealDto>> appealRating(
            UUID ratingId, Mono<AppealRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> ratings.appeal(
                        caller,
                        ratingId,
                        Rating.Appeal.Ground.valueOf(dto.getGround().getValue()),
                        dto.getStatement()))
                .map(a -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(a)));
    }

    @Override
    public Mono<ResponseEntity<RatingAppealDto>> decideRatingAppeal(
            UUID ratingId, Mono<AppealDecisionRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> ratings.decide(caller, ratingId, dto.getAccepted(), dto.getReason()))
                .map(a -> ResponseEntity.ok(mapper.toDto(a)));
    }

    @Override
    public Mono<ResponseEntity<ReputationDto>> getProviderReputation(UUID providerId, ServerWebExchange exchange) {
        return Mono.defer(() -> reputations.of(Caller.of(exchange), providerId))
                .map(r -> ResponseEntity.ok(mapper.toDto(r)));
    }

    @Override
    public Mono<ResponseEntity<RatingStatisticsDto>> getRatingStatistics(
            String from, String to, UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> statistics.of(Caller.of(exchange), communityId, from, to))
                .map(rows -> ResponseEntity.ok(new RatingStatisticsDto(
                        from, to, rows.stream().map(mapper::toDto).toList())));
    }
}
