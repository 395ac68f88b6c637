package cn.carecircle.api.visits;

import cn.carecircle.api.elders.MobilityLevel;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A community's month of visits: the figures, the elders still to visit (overdue first), the visits made. */
public record VisitMonth(
        UUID communityId,
        YearMonth month,
        int planned,
        int visited,
        Double rate,
        int daysLeft,
        boolean closed,
        Set<VisitMethod> allowedMethods,
        List<UnvisitedElder> unvisited,
        List<VisitRecord> visits) {

    /** An elder with a slot this month and no visit yet; the name masked. */
    public record UnvisitedElder(
            UUID elderId,
            String maskedName,
            int age,
            MobilityLevel mobilityLevel,
            boolean overdue,
            int daysLeft,
            Instant lastVisitedAt) {}

    /** The figures of one community and month, for reports. */
    public record Figures(UUID communityId, long planned, long visited) {
        public Double rate() {
            return planned == 0 ? null : (double) visited / planned;
        }
    }
}
