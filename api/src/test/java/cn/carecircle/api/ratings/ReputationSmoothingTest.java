package cn.carecircle.api.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.matching.ranking.RankingSettings;
import org.junit.jupiter.api.Test;

/** The smoothed good-rating rate: a Beta prior of mean 0.9 and weight 10, the same as matching's ranking. */
class ReputationSmoothingTest {

    private final Reputations reputations = new Reputations(null, null, null);

    @Test
    void aProviderWithoutRatingsStandsAtThePriorMean() {
        assertThat(reputations.smooth(ServiceType.MEAL, 0, 0, 0).smoothedRate()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void oneBadRatingMovesANewProviderTo9Of11NotToZero() {
        Reputations.ServiceReputation r = reputations.smooth(ServiceType.BATHING, 0, 1, 0);
        assertThat(r.smoothedRate()).isCloseTo(9.0 / 11.0, within(1e-12));
        assertThat(r.total()).isEqualTo(1);
    }

    @Test
    void theOwnRecordDominatesOnceThereAreManyRatings() {
        // 8 good of 10: (8 + 9) / 20 = 0.85; 80 good of 100: (80 + 9) / 110 ≈ 0.809, closer to the raw 0.8
        assertThat(reputations.smooth(ServiceType.CLEANING, 8, 2, 0).smoothedRate())
                .isCloseTo(0.85, within(1e-12));
        assertThat(reputations.smooth(ServiceType.CLEANING, 80, 20, 0).smoothedRate())
                .isCloseTo(89.0 / 110.0, within(1e-12));
    }

    @Test
    void excludedRatingsDoNotCount() {
        // two ratings whose appeal was accepted change nothing
        assertThat(reputations.smooth(ServiceType.MEAL, 3, 0, 2).smoothedRate())
                .isEqualTo(reputations.smooth(ServiceType.MEAL, 3, 0, 0).smoothedRate());
    }

    @Test
    void itIsTheRateMatchingRanksBy() {
        RankingSettings matching = RankingSettings.defaults();
        for (long good = 0; good <= 20; good++) {
            for (long bad = 0; bad <= 5; bad++) {
                assertThat(reputations.smooth(ServiceType.MEAL, good, bad, 0).smoothedRate())
                        .isEqualTo(matching.smoothed(good, good + bad));
            }
        }
    }
}
