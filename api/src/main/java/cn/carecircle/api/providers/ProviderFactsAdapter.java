package cn.carecircle.api.providers;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * What matching needs to know about providers, read from the providers' own tables. Jobs, ratings and reliability
 * are not recorded yet (they come with dispatch and ratings), so every provider is free, unrated and without
 * history: the smoothing prior ranks them alike on those components.
 */
@Component
class ProviderFactsAdapter implements ProviderFactsSource {

    /** Credentials carry their expiry only; for matching they are valid from any earlier day. */
    private static final LocalDate VALID_FROM = LocalDate.of(2000, 1, 1);

    private final ProviderRepository repository;

    ProviderFactsAdapter(ProviderRepository repository) {
        this.repository = repository;
    }

    @Override
    public Flux<ProviderFacts> factsOf(Collection<String> providerIds) {
        List<UUID> ids = providerIds.stream().map(UUID::fromString).toList();
        return repository.findAllById(ids).map(ProviderFactsAdapter::toFacts);
    }

    @Override
    public Flux<ProviderFacts> offering(ServiceType service, String region) {
        return repository
                .findOffering(cn.carecircle.api.common.ServiceType.valueOf(service.name()), region)
                .map(ProviderFactsAdapter::toFacts);
    }

    static ProviderFacts toFacts(Provider p) {
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
                List.of(),
                Gender.valueOf(p.gender().name()),
                p.languages().stream().map(l -> Language.valueOf(l.name())).collect(Collectors.toSet()),
                TravelMode.valueOf(p.travelMode().name()),
                GeoPoint.of(p.homeBase().lat(), p.homeBase().lon()),
                workingHours(p.workingHours()),
                p.kind() == ProviderKind.VOLUNTEER,
                Map.of(),
                new RatingCounts(0, 0),
                0);
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
