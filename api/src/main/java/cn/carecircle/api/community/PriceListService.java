package cn.carecircle.api.community;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.security.Caller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The price lists of communities: read by anyone signed in, replaced by the operator, used to price orders. */
@Service
public class PriceListService {

    private final PriceListRepository repository;
    private final CommunityService communities;

    PriceListService(PriceListRepository repository, CommunityService communities) {
        this.repository = repository;
        this.communities = communities;
    }

    Flux<PriceListEntry> get(Caller caller, UUID communityId) {
        caller.requireAccount();
        return communities.getFor(caller, communityId).thenMany(repository.findByCommunity(communityId));
    }

    /** The community's price list as it stands, for features that read it on nobody's behalf (coverage). */
    public Flux<PriceListEntry> entriesOf(UUID communityId) {
        return repository.findByCommunity(communityId);
    }

    @Transactional
    public Flux<PriceListEntry> replace(Caller caller, UUID communityId, List<PriceListEntry> entries) {
        caller.requireRole(Role.ADMIN);
        Violations v = new Violations();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            PriceListEntry e = entries.get(i);
            v.check(
                    seen.add(e.service() + "/" + e.durationMinutes()),
                    "[" + i + "].durationMinutes",
                    "unique",
                    "each service and duration appears once");
            v.check(
                    e.timeBankMinutes() == null || e.service() != ServiceType.MEDICAL_VISIT,
                    "[" + i + "].timeBankMinutes",
                    "no-time-bank-for-medical-visits",
                    "a medical home visit cannot be a time-bank order");
        }
        v.throwIfAny();
        return communities
                .get(communityId)
                .then(repository.replace(communityId, entries))
                .thenMany(repository.findByCommunity(communityId));
    }

    /**
     * The entry that prices this service and duration in the community, or a 422 problem naming the durations that
     * have a price.
     */
    public Mono<PriceListEntry> priceFor(UUID communityId, ServiceType service, int durationMinutes) {
        return repository
                .findByCommunity(communityId)
                .filter(e -> e.service() == service)
                .collectList()
                .flatMap(entries -> entries.stream()
                        .filter(e -> e.durationMinutes() == durationMinutes)
                        .findFirst()
                        .map(Mono::just)
                        .orElseGet(() -> Mono.error(new ApiException(
                                ProblemType.UNPROCESSABLE,
                                entries.isEmpty()
                                        ? "The community's price list has no price for " + service
                                        : "The community prices " + service + " for "
                                                + entries.stream()
                                                        .map(e -> e.durationMinutes() + " min")
                                                        .collect(Collectors.joining(", ")),
                                List.of(FieldViolation.of(
                                        "durationMinutes", "priced", "has no price in the community's price list"))))));
    }

    /**
     * As {@link #priceFor(UUID, ServiceType, int)}, for an order settled in time-bank minutes when {@code inMinutes}:
     * refused with a 422 problem naming {@code settlement} where the community does not allow the service as a
     * time-bank order.
     */
    public Mono<PriceListEntry> priceFor(
            UUID communityId, ServiceType service, int durationMinutes, boolean inMinutes) {
        return priceFor(communityId, service, durationMinutes)
                .flatMap(price -> inMinutes && !price.timeBankAllowed()
                        ? Mono.error(new ApiException(
                                ProblemType.UNPROCESSABLE,
                                "The community does not allow " + service + " as a time-bank order",
                                List.of(FieldViolation.of(
                                        "settlement", "time-bank-allowed", "this service is paid in fen here"))))
                        : Mono.just(price));
    }
}
