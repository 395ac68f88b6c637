package cn.carecircle.matching;

import cn.carecircle.matching.eligibility.Violation;
import java.util.List;

/**
 * A provider considered and refused, with every rule they fail, for the dispatch board.
 *
 * @param travelMinutes estimated travel time, or NaN when unknown
 */
public record IneligibleCandidate(String providerId, double travelMinutes, List<Violation> violations) {

    public IneligibleCandidate {
        violations = List.copyOf(violations);
    }
}
