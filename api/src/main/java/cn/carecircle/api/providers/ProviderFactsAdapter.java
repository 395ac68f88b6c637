package cn.carecircle.api.providers;

import cn.carecircle.api.ratings.Reputations;
import cn.carecircle.matching.domain.CredentialKind;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.facts.Credential;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.ProviderFactsSource;
import cn.carecircle.matching.facts.RatingCounts;
import cn.carecircle.matching.facts.WorkingHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What matching needs to know about providers: their own tables, their workload from dispatch (busy windows,
 * today's jobs, reliability), and their rating counts per service from ratings (raw good/total: matching smooths
 * them, see {@code RankingSettings}).
 */
@Component
class ProviderFactsAdapter implements ProviderFactsSource {

    /** Credentials carry their expiry only; for matching they are valid from any earlier day. */
    private static final LocalDate VALID_FROM = LocalDate.of(2000, 1, 1);

    private final ProviderRepository repository;
    private final ProviderWorkload workload;
    private final Reputations reputations;

    ProviderFactsAdapter(ProviderRepository repository, ProviderWorkload workload, Reputations reputations) {
        this.repository = repository;
        this.workload = workload;
        this.reputations = reputations;
    }

    @Override
    public Flux<ProviderFacts> factsOf(Collection<String> providerIds) {
        List<UUID> ids = providerIds.stream().map(UUID::fromString).toList();
        return withWorkloadAndRatings(repository.findAllById(ids));
    }

    @Override
    public Flux<ProviderFacts> offering(ServiceType service, String region) {
        return withWorkloadAndRatings(
                repository.findOffering(cn.carecircle.api.common.ServiceType.valueOf(service.name()), region));
    }

    /** Reads the workload and the rating counts of all the providers at once, not one query per provider. */
    private Flux<ProviderFacts> withWorkloadAndRatings(Flux<Provider> providers) {
        return providers.collectList().flatMapMany(list -> {
            if (list.isEmpty()) {
                return Flux.empty();
            }
            List<UUID> ids = list.stream().map(Provider::id).toList();
            Mono<Map<UUID, Map<ServiceType, RatingCounts>>> ratings = reputations
                    .countsOf(ids)
                    .collect(
                            () -> new HashMap<UUID, Map<ServiceType, RatingCounts>>(),
                            (m, c) -> m.computeIfAbsent(c.providerId(), k -> new EnumMap<>(ServiceType.class))
                                    .put(
                                            ServiceType.valueOf(c.service().name()),
                                            new RatingCounts(c.good(), c.total())));
            return Mono.zip(workload.of(ids), ratings)
                    .flatMapIterable(t -> list.stream()
                            .map(p -> toFacts(
                                    p,
                                    t.getT1().getOrDefault(p.id(), ProviderWorkload.Workload.NONE),
                                    t.getT2().getOrDefault(p.id(), Map.of())))
                            .toList());
        });
    }

    static ProviderFacts toFacts(Provider p, ProviderWorkload.Workload load, Map<ServiceType, RatingCounts> ratings) {
        return new ProviderFacts(
                p.id().toString(),
                p.services().stream().map(s -> ServiceType.valueOf(s.name())).collect(Collectors.toSet()),
                p.credentials().stream()
                        .map(c -> new Credential(
                                ServiceType.valueOf(c.service().name()),
                                CredentialKind.valueOf(c.kind().name()),
                                VALID_FROM,
                                c.expiresOn(),
                                c.verification() == cn.carecircle.api.providers.Credential.Verification.VERIFIED))
                        .toList(),
                p.suspended(),
                load.busy(),
                Gender.valueOf(p.gender().name()),
                p.languages().stream().map(l -> Language.valueOf(l.name())).collect(Collectors.toSet()),
                TravelMode.valueOf(p.travelMode().name()),
                GeoPoint.of(p.homeBase().lat(), p.homeBase().lon()),
                workingHours(p.workingHours()),
                p.kind() == ProviderKind.VOLUNTEER,
                ratings,
                load.reliability(),
                load.jobsToday());
    }

    /** No hours given means the provider has not restricted when they work. */
    private static WorkingHours workingHours(List<cn.carecircle.api.providers.WorkingHours> hours) {
        if (hours.isEmpty()) {
            return WorkingHours.always();
        }
        Map<DayOfWeek, List<WorkingHours.Shift>> shifts = new EnumMap<>(DayOfWeek.class);
        for (var h : hours) {
            shifts.computeIfAbsent(DayOfWeek.of(h.dayOfWeek()), d -> new ArrayList<>())
                    .add(new WorkingHours.Shift(h.start(), h.end()));
        }
        return new WorkingHours(WorkingHours.CHINA, shifts);
    }
}
