package cn.carecircle.api.reports;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.ratings.RatingStatistics;
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

    /** Parts of the report whose feature does not exist yet (none at present: 养老服务补贴 was the last). */
    public enum Section {
        SUBSIDY
    }

    public record Gap(Section section, String reason) {}

    /**
     * One community's figures, or a district's total. Months are calendar months in China time; what decides the
     * month of each figure:
     *
     * @param communityId null on a district's total
     * @param eldersServed elders of the orders that reached COMPLETED in the month (the event's time)
     * @param ordersPlaced orders placed in the month (placement time), also in {@code ordersByService}
     * @param completed orders that reached COMPLETED in the month (the event's time)
     * @param cancelled orders that reached CANCELLED in the month (the event's time)
     * @param escalated orders that reached ESCALATED in the month (the event's time)
     * @param assignment orders first assigned in the month (the first ASSIGNED event)
     * @param timeBank the community pool's postings in the month (posting time)
     * @param subsidy the subsidy fund's postings in the month (posting time), net of returns
     * @param visits the month's visit slots and the visits recorded for them
     * @param ratings orders completed in the month (their completion), with their ratings whenever given
     * @param followUps the cases of those ratings (the order's completion), due or not as of generation
     * @param coverage the coverage computed for the month
     */
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
            Subsidy subsidy,
            Visits visits,
            Ratings ratings,
            FollowUps followUps,
            List<CoverageFigure> coverage) {}

    public record ServiceOrders(ServiceType service, long app, long phone) {}

    /** Minutes from the first MATCHING to the first ASSIGNED of the orders first assigned in the month. */
    public record Assignment(long orders, Double medianMinutes, Double p90Minutes) {}

    public record TimeBank(long issuedMinutes, long redeemedMinutes) {}

    /** 养老服务补贴: fen paid out of the subsidy fund, the orders and elders it paid for. */
    public record Subsidy(long spentFen, long orders, long elders) {}

    public record Visits(long planned, long visited, Double rate) {}

    /**
     * 好差评 of the orders completed in the month. The order's completion (check-out) decides the month of every
     * figure here, not the time of the rating: a November order rated on 2 December counts for November, and the
     * report of a past month still grows while its orders are within the rating window. Orders cancelled after a
     * dispute are left out, so {@code completed} may be below the report's own count of completions.
     *
     * @param completed orders completed in the month (still COMPLETED, CONFIRMED or DISPUTED)
     * @param rated those rated
     * @param unrated those nobody rated: never counted as good
     * @param good rated 非常满意, 满意 or 基本满意
     * @param bad rated 不满意 or 非常不满意 (差评)
     * @param goodRate good ÷ rated; null when nothing was rated
     */
    public record Ratings(long completed, long rated, long unrated, long good, long bad, Double goodRate) {

        static Ratings of(RatingStatistics.Counts c) {
            return new Ratings(c.completed(), c.rated(), c.unrated(), c.good(), c.bad(), c.goodRate());
        }
    }

    /**
     * 差评回访: the follow-up cases the bad ratings of {@link Ratings} opened. As there, the order's completion decides
     * the month (not when the case was opened, called back or closed); whether a case is past its due time is
     * judged when the report is generated.
     *
     * @param cases follow-up cases opened
     * @param calledBack cases with at least one call-back attempt recorded
     * @param callBackRate calledBack ÷ cases (the target is 100%); null without cases
     * @param closedOnTime cases closed by their due time
     * @param closedOrDue cases closed, or still open past their due time
     * @param onTimeClosureRate closedOnTime ÷ closedOrDue; null when no case is closed or due yet
     */
    public record FollowUps(
            long cases,
            long calledBack,
            Double callBackRate,
            long closedOnTime,
            long closedOrDue,
            Double onTimeClosureRate) {

        static FollowUps of(RatingStatistics.Counts c) {
            return new FollowUps(
                    c.followUps(),
                    c.calledBack(),
                    c.callBackRate(),
                    c.closedOnTime(),
                    c.closedOrDue(),
                    c.onTimeClosureRate());
        }
    }

    public record CoverageFigure(ServiceType service, long elders, long covered, Double rate, Instant computedAt) {}
}
