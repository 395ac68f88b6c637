package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderStatus;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.MatchResult;
import java.util.HashSet;
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

    record Board(MatchResult result, int travelLimitMinutes, java.util.Map<UUID, String> names) {}

    private final OrderService orders;
    private final ProviderService providers;
    private final OrderMatching matching;

    DispatchBoard(OrderService orders, ProviderService providers, OrderMatching matching) {
        this.orders = orders;
        this.providers = providers;
        this.matching = matching;
    }

    Mono<Board> candidates(Caller caller, UUID orderId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        return orders.get(caller, orderId).flatMap(order -> {
            if (!open(order.status())) {
                return Mono.error(
                        ApiException.illegalState("An order that is " + order.status() + " is not dispatched"));
            }
            return matching.match(order).flatMap(m -> {
                MatchResult result = m.result();
                Set<UUID> ids = new HashSet<>();
                result.eligible().forEach(c -> ids.add(UUID.fromString(c.providerId())));
                result.ineligible().forEach(c -> ids.add(UUID.fromString(c.providerId())));
                return providers
                        .displayNames(ids)
                        .map(names -> new Board(result, m.community().travelTimeLimitMinutes(), names));
            });
        });
    }

    private static boolean open(OrderStatus status) {
        return status == OrderStatus.REQUESTED
                || status == OrderStatus.MATCHING
                || status == OrderStatus.ESCALATED
                || status == OrderStatus.ASSIGNED;
    }
}
