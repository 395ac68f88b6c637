package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.Community;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderStatus;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.MatchRequest;
import cn.carecircle.matching.MatchResult;
import cn.carecircle.matching.MatchingEngine;
import cn.carecircle.matching.Requirements;
import cn.carecircle.matching.Timing;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The community's dispatch board: for an open order, who could serve it (ranked, each score component explained)
 * and who could not (with the rules they fail), as the matching engine sees them now.
 */
@Service
class DispatchBoard {

    record Board(MatchResult result, int travelLimitMinutes, Map<UUID, String> names) {}

    private final OrderService orders;
    private final ElderService elders;
    private final CommunityService communities;
    private final ProviderService providers;
    private final MatchingEngine engine;

    DispatchBoard(
            OrderService orders,
            ElderService elders,
            CommunityService communities,
            ProviderService providers,
            MatchingEngine engine) {
        this.orders = orders;
        this.elders = elders;
        this.communities = communities;
        this.providers = providers;
        this.engine = engine;
    }

    Mono<Board> candidates(Caller caller, UUID orderId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        return orders.get(caller, orderId).flatMap(order -> {
            if (!open(order.status())) {
                return Mono.error(
                        ApiException.illegalState("An order that is " + order.status() + " is not dispatched"));
            }
            return Mono.zip(communities.get(order.communityId()), elders.homeOf(order.elderId()))
                    .flatMap(t -> match(order, t.getT1(), t.getT2()));
        });
    }

    private static boolean open(OrderStatus status) {
        return status == OrderStatus.REQUESTED
                || status == OrderStatus.MATCHING
                || status == OrderStatus.ESCALATED
                || status == OrderStatus.ASSIGNED;
    }

    private Mono<Board> match(Order order, Community community, cn.carecircle.api.common.GeoPoint home) {
        MatchRequest request;
        try {
            request = new MatchRequest(
                    community.regionCode(),
                    GeoPoint.of(home.lat(), home.lon()),
                    community.travelTimeLimitMinutes(),
                    ServiceType.valueOf(order.service().name()),
                    order.immediate() ? Timing.NOW : Timing.SCHEDULED,
                    new TimeWindow(order.windowStart(), order.windowEnd()),
                    SettlementKind.valueOf(order.settlement().name()),
                    requirements(order.requirements()),
                    List.of());
        } catch (InvalidMatchRequestException e) {
            return Mono.error(ApiException.invalid(FieldViolation.of(e.field(), e.rule(), e.getMessage())));
        }
        return engine.match(request).flatMap(result -> {
            Set<UUID> ids = new HashSet<>();
            result.eligible().forEach(c -> ids.add(UUID.fromString(c.providerId())));
            result.ineligible().forEach(c -> ids.add(UUID.fromString(c.providerId())));
            return providers
                    .displayNames(ids)
                    .map(names -> new Board(result, community.travelTimeLimitMinutes(), names));
        });
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
