package cn.carecircle.matching;

import cn.carecircle.matching.eligibility.Violation;
import cn.carecircle.matching.ranking.Score;
import java.util.List;

/**
 * A worker's proposed manual assignment, checked: hard violations forbid it whatever the reason;
 * soft violations (travel limit, working hours) may be overridden with a reason the api audits.
 *
 * @param travelMinutes estimated travel time
 * @param from where travel time is measured from (the home base when the provider is not online)
 * @param score the score the provider would have, for the record
 */
public record OverrideEvaluation(
        String providerId,
        List<Violation> hardViolations,
        List<Violation> softViolations,
        double travelMinutes,
        RankedCandidate.Origin from,
        Score score) {

    public OverrideEvaluation {
        hardViolations = List.copyOf(hardViolations);
        softViolations = List.copyOf(softViolations);
    }

    /** True when no hard rule is violated. */
    public boolean allowed() {
        return hardViolations.isEmpty();
    }

    /** True when the assignment needs a worker's reason (a soft rule is violated). */
    public boolean needsReason() {
        return !softViolations.isEmpty();
    }
}
