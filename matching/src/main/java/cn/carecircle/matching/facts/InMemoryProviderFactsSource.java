package cn.carecircle.matching.facts;

import cn.carecircle.matching.domain.ServiceType;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;

/** Provider facts held in memory, for tests and simulations. */
public final class InMemoryProviderFactsSource implements ProviderFactsSource {

    private final Map<String, Entry> facts = new ConcurrentHashMap<>();

    private record Entry(String region, ProviderFacts facts) {}

    public InMemoryProviderFactsSource put(String region, ProviderFacts providerFacts) {
        facts.put(providerFacts.providerId(), new Entry(Objects.requireNonNull(region), providerFacts));
        return this;
    }

    @Override
    public Flux<ProviderFacts> factsOf(Collection<String> providerIds) {
        return Flux.fromIterable(providerIds).distinct().mapNotNull(facts::get).map(Entry::facts);
    }

    @Override
    public Flux<ProviderFacts> offering(ServiceType service, String region) {
        return Flux.fromIterable(facts.values())
                .filter(e -> e.region().equals(region) && e.facts().services().contains(service))
                .map(Entry::facts);
    }
}
