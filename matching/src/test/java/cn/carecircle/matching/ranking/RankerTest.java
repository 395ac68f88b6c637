package cn.carecircle.matching.ranking;

import static cn.carecircle.matching.ProviderFactsBuilder.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.facts.ElderVisit;
import cn.carecircle.matching.facts.ElderVisit.VisitRating;
import cn.carecircle.matching.facts.ProviderFacts;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankerTest {

    final Ranker ranker = new Ranker();
    static final RankingInput PLAIN = new RankingInput(ServiceType.BATHING, 15, null, List.of());

    static double value(Score s, Component c) {
        return s.component(c).value();
    }

    @Test
    void everyComponentIsInTheScoreWithItsWeightAndTheTotalIsTheirSum() {
        Score s = ranker.score(provider("p").build(), 6, PLAIN);

        assertThat(s.components()).extracting(ScoreComponent::component).containsExactly(Component.values());
        assertThat(s.components().stream().mapToDouble(ScoreComponent::weight).sum())
                .isCloseTo(1.0, offset(1e-12));
        assertThat(s.total())
                .isCloseTo(
                        s.components().stream()
                                .mapToDouble(c -> c.value() * c.weight())
                                .sum(),
                        offset(1e-12));
        assertThat(s.total()).isBetween(0.0, 1.0);
    }

    @Test
    void travelIsOneMinusMinutesOverTheLimit() {
        assertThat(value(ranker.score(provider("p").build(), 6, PLAIN), Component.TRAVEL))
                .isCloseTo(0.6, offset(1e-12));
        assertThat(value(ranker.score(provider("p").build(), 0, PLAIN), Component.TRAVEL))
                .isEqualTo(1.0);
        assertThat(value(ranker.score(provider("p").build(), 20, PLAIN), Component.TRAVEL))
                .isEqualTo(0.0);
        assertThat(ranker.score(provider("p").build(), 6, PLAIN)
                        .component(Component.TRAVEL)
                        .explanation())
                .isEqualTo("6.0 of 15 min by WALK");
    }

    @Test
    void aNewProviderStartsAtThePriorAndOneVoteDoesNotDominate() {
        Score none = ranker.score(provider("new").build(), 5, PLAIN);
        Score oneBad =
                ranker.score(provider("one").rating(ServiceType.BATHING, 0, 1).build(), 5, PLAIN);
        Score oneGood =
                ranker.score(provider("one").rating(ServiceType.BATHING, 1, 1).build(), 5, PLAIN);

        assertThat(value(none, Component.RATING)).isCloseTo(0.9, offset(1e-12));
        assertThat(value(oneBad, Component.RATING)).isCloseTo(9.0 / 11.0, offset(1e-12));
        assertThat(value(oneGood, Component.RATING)).isCloseTo(10.0 / 11.0, offset(1e-12));
    }

    @Test
    void aLongGoodRecordBeatsASinglePerfectVote() {
        double record = value(
                ranker.score(provider("a").rating(ServiceType.BATHING, 95, 100).build(), 5, PLAIN), Component.RATING);
        double single = value(
                ranker.score(provider("b").rating(ServiceType.BATHING, 1, 1).build(), 5, PLAIN), Component.RATING);
        assertThat(record).isGreaterThan(single);
    }

    @Test
    void ratingsOfAnotherServiceDoNotCount() {
        Score s = ranker.score(provider("p").rating(ServiceType.MEAL, 0, 50).build(), 5, PLAIN);
        assertThat(value(s, Component.RATING)).isCloseTo(0.9, offset(1e-12));
    }

    @Test
    void reliabilityIsSmoothedWithTheSamePrior() {
        Score s = ranker.score(provider("p").reliability(8, 10).build(), 5, PLAIN);
        assertThat(value(s, Component.RELIABILITY)).isCloseTo((8 + 9.0) / 20.0, offset(1e-12));
        assertThat(s.component(Component.RELIABILITY).explanation()).contains("8 of 10");
    }

    @Test
    void continuityRewardsWellRatedEarlierVisitsToThisElderAndABadOneCancelsIt() {
        LocalDate d = LocalDate.of(2026, 11, 1);
        RankingInput twoGood = new RankingInput(
                ServiceType.BATHING,
                15,
                null,
                List.of(
                        new ElderVisit("p", d, VisitRating.GOOD),
                        new ElderVisit("p", d.plusDays(7), VisitRating.GOOD),
                        new ElderVisit("other", d, VisitRating.GOOD)));
        RankingInput withBad = new RankingInput(
                ServiceType.BATHING,
                15,
                null,
                List.of(new ElderVisit("p", d, VisitRating.GOOD), new ElderVisit("p", d.plusDays(7), VisitRating.BAD)));

        ProviderFacts p = provider("p").build();
        assertThat(value(ranker.score(p, 5, twoGood), Component.CONTINUITY)).isCloseTo(2.0 / 3.0, offset(1e-12));
        assertThat(value(ranker.score(p, 5, withBad), Component.CONTINUITY)).isZero();
        assertThat(value(ranker.score(provider("stranger").build(), 5, twoGood), Component.CONTINUITY))
                .isZero();
        assertThat(ranker.score(p, 5, twoGood).component(Component.CONTINUITY).explanation())
                .isEqualTo("served this elder before: 2 rated good, 0 rated bad");
    }

    @Test
    void fairnessFavoursProvidersWithFewerJobsToday() {
        assertThat(value(ranker.score(provider("idle").build(), 5, PLAIN), Component.FAIRNESS))
                .isEqualTo(1.0);
        assertThat(value(ranker.score(provider("half").jobsToday(3).build(), 5, PLAIN), Component.FAIRNESS))
                .isCloseTo(0.5, offset(1e-12));
        assertThat(value(ranker.score(provider("full").jobsToday(9).build(), 5, PLAIN), Component.FAIRNESS))
                .isZero();
    }

    @Test
    void sharingTheEldersLanguageRanksHigher() {
        RankingInput mongolian = new RankingInput(ServiceType.MEAL, 15, Language.MONGOLIAN, List.of());
        Score speaks = ranker.score(
                provider("a").languages(Language.MANDARIN, Language.MONGOLIAN).build(), 5, mongolian);
        Score doesNot = ranker.score(provider("b").languages(Language.MANDARIN).build(), 5, mongolian);

        assertThat(value(speaks, Component.LANGUAGE)).isEqualTo(1.0);
        assertThat(value(doesNot, Component.LANGUAGE)).isZero();
        assertThat(speaks.total()).isGreaterThan(doesNot.total());
        assertThat(doesNot.component(Component.LANGUAGE).explanation()).isEqualTo("does not speak MONGOLIAN");
    }

    @Test
    void weightsMustSumToOne() {
        Map<Component, Double> w = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            w.put(c, 0.5);
        }
        assertThatThrownBy(() -> new RankingSettings(w, 0.9, 10, 6, 3)).hasMessageContaining("sum to 1");
    }
}
