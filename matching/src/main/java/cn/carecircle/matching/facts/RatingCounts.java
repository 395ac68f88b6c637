package cn.carecircle.matching.facts;

/**
 * Raw counts behind a rate: {@code good} out of {@code total}. Matching smooths them (see
 * {@code RankingSettings}), so a provider with one vote is not ranked by that vote.
 */
public record RatingCounts(long good, long total) {

    public static final RatingCounts NONE = new RatingCounts(0, 0);

    public RatingCounts {
        if (good < 0 || total < 0 || good > total) {
            throw new IllegalArgumentException("need 0 <= good <= total, was " + good + "/" + total);
        }
    }
}
