package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.community.Community;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.ratings.Reputations;
import cn.carecircle.matching.MatchRequest;
import cn.carecircle.matching.MatchResult;
import cn.carecircle.matching.MatchingEngine;
import cn.carecircle.matching.OverrideEvaluation;
import cn.carecircle.matching.Requirements;
import cn.carecircle.matching.Timing;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.facts.ElderVisit;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Asks the matching engine about an order: the board, the offer rounds and manual assignment ask the same way. */
@Component
class OrderMatching {

    /** A match with the community it was made for. */
    record Matched(MatchResult result, Community community) {}

    private final ElderService elders;
    private final CommunityService communities;
    private final MatchingEngine engine;
    private final Reputations reputations;

    OrderMatching(ElderService elders, CommunityService communities, MatchingEngine engine, Reputations reputations) {
        this.elders = elders;
        this.communities = communities;
        this.engine = engine;
        this.reputations = reputations;
    }

    Mono<Matched> match(Order order) {
        return request(order).flatMap(r -> engine.match(r.request()).map(result -> new Matched(result, r.community())));
    }

    Mono<OverrideEvaluation> evaluate(Order order, String providerId, Set<String> otherSeats) {
        return request(order).flatMap(r -> engine.evaluateOverride(r.request(), providerId, otherSeats));
    }

    Mono<Community> communityOf(Order order) {
        return communities.get(order.communityId());
    }

    private record Built(MatchRequest request, Community community) {}

    private Mono<Built> request(Order order) {
        return Mono.zip(
                        communities.get(order.communityId()),
                        elders.homeOf(order.elderId()),
                        reputations
                                .visitsOf(order.elderId())
                                .map(OrderMatching::visit)
                                .collectList())
                .flatMap(t -> {
                    Community community = t.getT1();
                    cn.carecircle.api.common.GeoPoint home = t.getT2();
                    try {
                        return Mono.just(new Built(
                                new MatchRequest(
                                        community.regionCode(),
                                        GeoPoint.of(home.lat(), home.lon()),
                                        community.travelTimeLimitMinutes(),
                                        ServiceType.valueOf(order.service().name()),
                                        order.immediate() ? Timing.NOW : Timing.SCHEDULED,
                                        new TimeWindow(order.windowStart(), order.windowEnd()),
                                        SettlementKind.valueOf(
                                                order.settlement().name()),
                                        requirements(order.requirements()),
                                        t.getT3()),
                                community));
                    } catch (InvalidMatchRequestException e) {
                        return Mono.error(ApiException.invalid(FieldViolation.of(e.field(), e.rule(), e.getMessage())));
                    }
                });
    }

    /** An earlier visit to the elder as matching's continuity takes it (an unrated one counts as neither). */
    private static ElderVisit visit(Reputations.Visit v) {
        return new ElderVisit(
                v.providerId().toString(),
                v.day(),
                v.good() == null
                        ? ElderVisit.VisitRating.NONE
                        : v.good() ? ElderVisit.VisitRating.GOOD : ElderVisit.VisitRating.BAD);
    }

    private static Requirements requirements(Order.Requirements r) {
        return new Requirements(
                r.caregiverGender() == null
                        ? null
                        : Gender.valueOf(r.caregiverGender().name()),
                r.twoCaregivers() ? 2 : 1,
                r.language() == null ? null : Language.valueOf(r.language().name()));
    }
}
