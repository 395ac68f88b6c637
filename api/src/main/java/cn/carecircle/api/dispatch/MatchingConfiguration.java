package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.CareCircleProperties;
import cn.carecircle.matching.MatchingEngine;
import cn.carecircle.matching.facts.ProviderFactsSource;
import cn.carecircle.matching.facts.WorkingHours;
import cn.carecircle.matching.index.CandidateIndex;
import cn.carecircle.matching.index.RedisCandidateIndex;
import cn.carecircle.matching.index.RedisIndexSettings;
import cn.carecircle.matching.ranking.Ranker;
import cn.carecircle.matching.travel.GreatCircleTravelTimeModel;
import cn.carecircle.matching.travel.TravelTimeModel;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/**
 * The matching engine and its Redis candidate index. The index has its own Lettuce client: it pipelines heartbeats
 * on a dedicated connection, which must not be shared with Spring's template.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MatchingConfiguration {

    @Bean
    TravelTimeModel travelTimeModel() {
        return new GreatCircleTravelTimeModel();
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient candidateIndexRedisClient(@Value("${spring.data.redis.url}") String url) {
        return RedisClient.create(url);
    }

    @Bean(destroyMethod = "close")
    RedisCandidateIndex candidateIndex(
            RedisClient candidateIndexRedisClient,
            CareCircleProperties properties,
            TravelTimeModel travelTime,
            Clock clock) {
        return RedisCandidateIndex.open(
                candidateIndexRedisClient,
                RedisIndexSettings.withPrefix(properties.redis().keyPrefix() + "match:"),
                travelTime,
                clock);
    }

    @Bean
    MatchingEngine matchingEngine(
            CandidateIndex index, ProviderFactsSource facts, TravelTimeModel travelTime, Clock clock) {
        return new MatchingEngine(index, facts, travelTime, new Ranker(), clock, WorkingHours.CHINA);
    }

    @Bean
    PresenceTrimmer presenceTrimmer(CandidateIndex index, Clock clock) {
        return new PresenceTrimmer(index, clock);
    }

    /**
     * Removes providers whose heartbeats stopped from the index. Presence is already judged by last-seen time at
     * every search; this only keeps the keys small. Safe on several instances: trimming twice removes nothing more.
     */
    static class PresenceTrimmer {
        private final CandidateIndex index;
        private final Clock clock;

        PresenceTrimmer(CandidateIndex index, Clock clock) {
            this.index = index;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${carecircle.presence.trim-every:PT1M}")
        Mono<Long> trim() {
            return Mono.defer(() -> index.trimStale(clock.instant()));
        }
    }
}
