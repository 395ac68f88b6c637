package cn.carecircle.api.visits;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Violations;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A visit to record; the rules that need no look-up are checked here, the others by {@link VisitService}. */
public record RecordVisitCommand(
        UUID elderId,
        Instant visitedAt,
        VisitMethod method,
        UUID visitorProviderId,
        VisitCondition health,
        VisitCondition livingConditions,
        Set<SafetyRisk> safetyRisks,
        Set<ServiceType> needs,
        String findings,
        String followUp,
        UUID followUpOrderId) {

    public RecordVisitCommand {
        findings = blankToNull(findings);
        followUp = blankToNull(followUp);
        safetyRisks = safetyRisks == null ? Set.of() : Set.copyOf(safetyRisks);
        needs = needs == null ? Set.of() : Set.copyOf(needs);
        new Violations()
                .check(elderId != null, "elderId", "required", "must be present")
                .check(visitedAt != null, "visitedAt", "required", "must be present")
                .check(method != null, "method", "required", "must be present")
                .check(health != null, "health", "required", "must be present")
                .check(livingConditions != null, "livingConditions", "required", "must be present")
                .check(
                        safetyRisks.isEmpty() || followUp != null,
                        "followUp",
                        "required-with-risks",
                        "say what follows when a safety risk was found")
                .throwIfAny();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Override
    public String toString() {
        return "RecordVisitCommand[elder=" + elderId + ", at=" + visitedAt + "]";
    }
}
