package cn.carecircle.matching;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link MatchRequest}.
 *
 * @param evaluatedAt the engine clock's time of evaluation
 * @param eligible eligible providers, best first
 * @param ineligible providers considered and refused, with their reasons
 * @param pairs for a two-caregiver order, the best pairs (empty otherwise or when fewer than two are
 *     eligible)
 */
public record MatchResult(
        MatchRequest request,
        Instant evaluatedAt,
        List<RankedCandidate> eligible,
        List<IneligibleCandidate> ineligible,
        List<CandidatePair> pairs) {

    public MatchResult {
        eligible = List.copyOf(eligible);
        ineligible = List.copyOf(ineligible);
        pairs = List.copyOf(pairs);
    }
}
