package cn.carecircle.matching.facts;

import cn.carecircle.matching.domain.ServiceType;
import java.util.Collection;
import reactor.core.publisher.Flux;

/**
 * How matching asks the api for provider facts. Implementations read their own store; providers they
 * do not know are simply left out of the answer.
 */
public interface ProviderFactsSource {

    /** Facts of the given providers (live candidates found by the index), in any order. */
    Flux<ProviderFacts> factsOf(Collection<String> providerIds);

    /**
     * Facts of every provider of the region who offers the service: the candidates of a scheduled
     * order, placed by their home base rather than a live position.
     */
    Flux<ProviderFacts> offering(ServiceType service, String region);
}
