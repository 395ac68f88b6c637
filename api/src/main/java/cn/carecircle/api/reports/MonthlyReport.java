package cn.carecircle.api.reports;

import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** A month's report: one row of figures per community, and their total (the community's own for one community). */
public record MonthlyReport(
        YearMonth month,
        Scope scope,
        String regionCode,
        UUID communityId,
        String name,
        Instant generatedAt,
        Figures total,
        List<Figures> communities,
        List<Gap> unavailable) {

    public enum Scope {
        COMMUNITY,
        DISTRICT
    }

    /** Parts of the report whose feature does not exist yet: 好差评, 差评回访, 养老服务补贴. */
    public enum Section {
        RATINGS,
        FOLLOW_UPS,
        SUBSIDY
    }

    public record Gap(Section section, String reason) {}

    /** @param communityId null on a district's total */
    public record Figures(
            UUID communityId,
            String name,
            long eldersServed,
            long ordersPlaced,
            List<ServiceOrders> ordersByService,
            long completed,
            long cancelled,
            long escalated,
            Assignment assignment,
            TimeBank timeBank,
            Visits visits,
            List<CoverageFigure> coverage) {}

    public record ServiceOrders(ServiceType service, long app, long phone) {}

    /** Minutes from the first MATCHING to the first ASSIGNED of the orders first assigned in the month. */
    public record Assignment(long orders, Double medianMinutes, Double p90Minutes) {}

    public record TimeBank(long issuedMinutes, long redeemedMinutes) {}

    public record Visits(long planned, long visited, Double rate) {}

    public record CoverageFigure(ServiceType service, long elders, long covered, Double rate, Instant computedAt) {}
}
