package cn.carecircle.api.coverage;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Masking;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.TravelMode;
import cn.carecircle.api.community.Community;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.community.PriceListEntry;
import cn.carecircle.api.community.PriceListService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.ProviderFactsSource;
import cn.carecircle.matching.travel.TravelTimeModel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Computes, stores and reads coverage. Community workers and district officials of the community read it and ask
 * for a fresh computation; anyone else is told the community does not exist for them.
 */
@Service
public class CoverageService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The duration a service is assumed to take when the community's price list has none for it. */
    static final int UNPRICED_DURATION_MINUTES = 60;

    private final CoverageRepository repository;
    private final CommunityService communities;
    private final PriceListService prices;
    private final ProviderFactsSource facts;
    private final TravelTimeModel travelTime;
    private final Clock clock;

    CoverageService(
            CoverageRepository repository,
            CommunityService communities,
            PriceListService prices,
            ProviderFactsSource facts,
            TravelTimeModel travelTime,
            Clock clock) {
        this.repository = repository;
        this.communities = communities;
        this.prices = prices;
        this.facts = facts;
        this.travelTime = travelTime;
        this.clock = clock;
    }

    /** The latest stored coverage, computed (and stored) now when there is none yet. */
    @Transactional
    Mono<Coverage> latest(Caller caller, UUID communityId) {
        return permitted(caller, communityId)
                .then(repository.snapshot(communityId).switchIfEmpty(compute(communityId)));
    }

    @Transactional
    Mono<Coverage> computeNow(Caller caller, UUID communityId) {
        return permitted(caller, communityId).then(compute(communityId));
    }

    /** Coverage figures per community and service of a month, for the monthly reports. */
    public Flux<Coverage.Figure> figures(Collection<UUID> communityIds, YearMonth month) {
        return communityIds.isEmpty() ? Flux.empty() : repository.figures(communityIds, month);
    }

    private Mono<Void> permitted(Caller caller, UUID communityId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        return caller.covers(communityId)
                ? communities.get(communityId).then()
                : Mono.error(ApiException.notFound("Community"));
    }

    /** Computes the community's coverage at the clock's time and stores it as the latest. */
    Mono<Coverage> compute(UUID communityId) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(CHINA).toLocalDate();
        return communities
                .get(communityId)
                .flatMap(community -> Mono.zip(
                                repository.elders(communityId).collectList(),
                                prices.entriesOf(communityId).collectList(),
                                Flux.fromArray(cn.carecircle.matching.domain.ServiceType.values())
                                        .concatMap(s -> facts.offering(s, community.regionCode())
                                                .collectList()
                                                .map(list -> Map.entry(s, list)))
                                        .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                        .publishOn(Schedulers.parallel())
                        .map(t -> calculate(community, t.getT1(), t.getT2(), t.getT3(), today, now))
                        .flatMap(coverage -> repository
                                .store(coverage, YearMonth.from(now.atZone(CHINA)))
                                .thenReturn(coverage)));
    }

    private Coverage calculate(
            Community community,
            List<CoverageCalculator.ElderHome> elders,
            List<PriceListEntry> priceList,
            Map<cn.carecircle.matching.domain.ServiceType, List<ProviderFacts>> offering,
            LocalDate today,
            Instant now) {
        CoverageCalculator calculator = new CoverageCalculator(travelTime, community.travelTimeLimitMinutes(), today);
        List<Coverage.ServiceCoverage> services = new ArrayList<>();
        Map<UUID, Set<ServiceType>> uncoveredOf = new HashMap<>();
        Set<String> onMap = new java.util.HashSet<>();
        Map<String, ProviderFacts> byId = new HashMap<>();
        for (var s : cn.carecircle.matching.domain.ServiceType.values()) {
            ServiceType service = ServiceType.valueOf(s.name());
            List<PriceListEntry> entries =
                    priceList.stream().filter(e -> e.service() == service).toList();
            int duration = entries.stream()
                    .mapToInt(PriceListEntry::durationMinutes)
                    .min()
                    .orElse(UNPRICED_DURATION_MINUTES);
            Set<SettlementKind> settlements = EnumSet.of(SettlementKind.PAID);
            if (entries.stream().anyMatch(PriceListEntry::timeBankAllowed)) {
                settlements.add(SettlementKind.TIME_BANK);
            }
            List<ProviderFacts> providers = offering.getOrDefault(s, List.of());
            providers.forEach(f -> byId.put(f.providerId(), f));
            CoverageCalculator.ServiceResult result =
                    calculator.compute(new CoverageCalculator.Supply(s, duration, settlements, providers), elders);
            onMap.addAll(result.reaching());
            List<Coverage.UncoveredElder> uncovered = new ArrayList<>();
            for (CoverageCalculator.Gap gap : result.uncovered()) {
                uncovered.add(
                        new Coverage.UncoveredElder(gap.elderId(), Masking.name(gap.name()), gap.nearestMinutes()));
                uncoveredOf
                        .computeIfAbsent(gap.elderId(), id -> EnumSet.noneOf(ServiceType.class))
                        .add(service);
                if (gap.nearestProviderId() != null) {
                    onMap.add(gap.nearestProviderId());
                }
            }
            services.add(new Coverage.ServiceCoverage(
                    service,
                    result.elders(),
                    result.covered(),
                    result.elders() == 0 ? null : (double) result.covered() / result.elders(),
                    uncovered));
        }
        List<Coverage.MapElder> mapElders = elders.stream()
                .map(e -> new Coverage.MapElder(
                        e.id(),
                        Masking.name(e.name()),
                        rounded(e.home().latitude(), e.home().longitude()),
                        uncoveredOf.getOrDefault(e.id(), EnumSet.noneOf(ServiceType.class))))
                .toList();
        List<Coverage.MapProvider> mapProviders = onMap.stream()
                .sorted()
                .map(byId::get)
                .map(f -> new Coverage.MapProvider(
                        UUID.fromString(f.providerId()),
                        rounded(f.homeBase().latitude(), f.homeBase().longitude()),
                        f.services().stream()
                                .map(x -> ServiceType.valueOf(x.name()))
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ServiceType.class))),
                        TravelMode.valueOf(f.travelMode().name())))
                .toList();
        return new Coverage(
                community.id(),
                community.travelTimeLimitMinutes(),
                now,
                services,
                new Coverage.CoverageMap(community.centre(), community.boundary(), mapElders, mapProviders));
    }

    /** About 100 m: a map shows the neighbourhood, never the door. */
    static GeoPoint rounded(double lat, double lon) {
        return new GeoPoint(Math.round(lat * 1000.0) / 1000.0, Math.round(lon * 1000.0) / 1000.0);
    }
}
