package cn.carecircle.matching;

/**
 * Two different providers who together fill a two-caregiver order; each satisfies every hard rule.
 *
 * @param score the mean of the two scores
 */
public record CandidatePair(RankedCandidate first, RankedCandidate second, double score) {

    public CandidatePair {
        if (first.providerId().equals(second.providerId())) {
            throw new IllegalArgumentException("a pair needs two different providers");
        }
    }
}
