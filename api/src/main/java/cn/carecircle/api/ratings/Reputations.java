package cn.carecircle.api.ratings;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.ranking.RankingSettings;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Provider reputation per service: the smoothed good-rating rate
 *
 * <pre>
 *   rate = (good + m × p) ÷ (good + bad + m)
 * </pre>
 *
 * a Bayesian average under a Beta prior of mean {@code p} = 0.9 and weight {@code m} = 10 pseudo-ratings — the
 * numbers of matching's {@link RankingSettings#defaults()}, which ranks providers by the same formula from the raw
 * counts this class hands to {@code ProviderFactsAdapter}. A new provider starts at 0.9; one bad rating takes them
 * to 9/11 ≈ 0.82, not to 0. Good is 非常满意, 满意 and 基本满意; bad is 不满意 and 非常不满意. Unrated orders do not
 * count at all, and ratings whose appeal was accepted are left out (they stay on record).
 */
@Service
public class Reputations {

    /** Raw counts of one provider and service, as matching takes them. */
    public record Counts(UUID providerId, ServiceType service, long good, long total) {}

    /**
     * An earlier completed visit to an elder: who served, on which day (China time), and whether it was rated good
     * ({@code null} when unrated, or when an accepted appeal took the rating out).
     */
    public record Visit(UUID providerId, java.time.LocalDate day, Boolean good) {}

    /** One service's reputation. */
    record ServiceReputation(ServiceType service, long good, long bad, long excluded, double smoothedRate) {
        long total() {
            return good + bad;
        }
    }

    record Reputation(
            UUID providerId,
            boolean suspended,
            double priorMean,
            double priorWeight,
            List<ServiceReputation> services) {}

    private final RatingRepository repository;
    private final ProviderService providers;
    private final RatingsProperties properties;
    private final RankingSettings settings = RankingSettings.defaults();

    Reputations(RatingRepository repository, ProviderService providers, RatingsProperties properties) {
        this.repository = repository;
        this.providers = providers;
        this.properties = properties;
    }

    /** The counts matching smooths and ranks by, for these providers; a provider without ratings has none. */
    public Flux<Counts> countsOf(Collection<UUID> providerIds) {
        return repository
                .counts(providerIds)
                .map(c -> new Counts(c.providerId(), c.service(), c.good(), c.good() + c.bad()));
    }

    /** The elder's last 50 completed visits with their ratings, for matching's continuity. */
    public Flux<Visit> visitsOf(UUID elderId) {
        return repository.visitsOf(elderId, properties.zone());
    }

    /** The provider's own reputation, or that of a provider of a community the staff member covers. */
    Mono<Reputation> of(Caller caller, UUID providerId) {
        return providers
                .get(caller, providerId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider")))
                .flatMap(p -> repository
                        .counts(List.of(providerId))
                        .collectList()
                        .map(counts -> {
                            Map<ServiceType, ServiceReputation> byService = new EnumMap<>(ServiceType.class);
                            for (ServiceType s : p.services()) {
                                byService.put(s, smooth(s, 0, 0, 0));
                            }
                            for (var c : counts) {
                                byService.put(c.service(), smooth(c.service(), c.good(), c.bad(), c.excluded()));
                            }
                            return new Reputation(
                                    providerId,
                                    p.suspended(),
                                    settings.priorMean(),
                                    settings.priorWeight(),
                                    List.copyOf(byService.values()));
                        }));
    }

    ServiceReputation smooth(ServiceType service, long good, long bad, long excluded) {
        return new ServiceReputation(service, good, bad, excluded, settings.smoothed(good, good + bad));
    }
}
