package cn.carecircle.api.reports;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.community.Community;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.coverage.Coverage;
import cn.carecircle.api.coverage.CoverageService;
import cn.carecircle.api.ratings.RatingStatistics;
import cn.carecircle.api.security.Caller;
import cn.carecircle.api.visits.VisitMonth;
import cn.carecircle.api.visits.VisitService;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Builds monthly reports for community workers and district officials, for the communities they cover. A month in
 * the future, a community not covered (404, as everywhere) or a region with no covered community is refused.
 */
@Service
class ReportService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The sections whose features are not built yet: none since payments (养老服务补贴) exist. */
    static final List<MonthlyReport.Gap> UNAVAILABLE = List.of();

    /** What a report is of: the month, and one community or the covered communities of a region. */
    record Request(YearMonth month, UUID communityId, String regionCode) {}

    private final ReportRepository repository;
    private final CommunityService communities;
    private final VisitService visits;
    private final CoverageService coverage;
    private final RatingStatistics ratings;
    private final Clock clock;

    ReportService(
            ReportRepository repository,
            CommunityService communities,
            VisitService visits,
            CoverageService coverage,
            RatingStatistics ratings,
            Clock clock) {
        this.repository = repository;
        this.communities = communities;
        this.visits = visits;
        this.coverage = coverage;
        this.ratings = ratings;
        this.clock = clock;
    }

    Mono<MonthlyReport> report(Caller caller, Request request) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        if ((request.communityId() == null) == (request.regionCode() == null)) {
            return Mono.error(ApiException.invalid(FieldViolation.of(
                    "communityId", "one-scope", "give communityId (a community) or regionCode (a district), one")));
        }
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(now.atZone(CHINA));
        if (request.month().isAfter(current)) {
            return Mono.error(ApiException.invalid(new FieldViolation(
                    "month",
                    "not-future",
                    "must not be after " + current,
                    request.month().toString())));
        }
        Mono<List<Community>> scope;
        if (request.communityId() != null) {
            scope = caller.covers(request.communityId())
                    ? communities.get(request.communityId()).map(List::of)
                    : Mono.error(ApiException.notFound("Community"));
        } else {
            scope = communities
                    .findAllById(caller.communityIds())
                    .filter(c -> c.regionCode().equals(request.regionCode()))
                    .collectList()
                    .flatMap(list -> list.isEmpty()
                            ? Mono.error(ApiException.notFound("District with communities you cover"))
                            : Mono.just(list));
        }
        return scope.flatMap(list -> build(request, list, now));
    }

    private Mono<MonthlyReport> build(Request request, List<Community> scope, Instant now) {
        YearMonth month = request.month();
        Instant from = month.atDay(1).atStartOfDay(CHINA).toInstant();
        Instant until = month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toInstant();
        List<UUID> ids = scope.stream().map(Community::id).toList();
        return Mono.zip(
                        repository.placed(ids, from, until).collectList(),
                        repository.outcomes(ids, from, until).collectList(),
                        repository.assignmentTimes(ids, from, until).collectList(),
                        repository.timeBank(ids, from, until).collectList(),
                        Mono.zip(
                                visits.figures(ids, month).collectList(),
                                repository.subsidy(ids, from, until).collectList()),
                        coverage.figures(ids, month).collectList(),
                        // the same China-time month; cases judged due at the report's time
                        ratings.figures(ids, month, CHINA, now).collectList())
                .map(t -> {
                    Parts parts = new Parts(
                            t.getT1(),
                            t.getT2(),
                            t.getT3(),
                            t.getT4(),
                            t.getT5().getT2(),
                            t.getT5().getT1(),
                            t.getT6(),
                            t.getT7());
                    List<MonthlyReport.Figures> rows = scope.stream()
                            .sorted(Comparator.comparing(Community::code))
                            .map(c -> parts.figures(c.id(), c.name()))
                            .toList();
                    boolean single = request.communityId() != null;
                    Community first = scope.get(0);
                    return new MonthlyReport(
                            month,
                            single ? MonthlyReport.Scope.COMMUNITY : MonthlyReport.Scope.DISTRICT,
                            single ? first.regionCode() : request.regionCode(),
                            single ? first.id() : null,
                            single ? first.name() : request.regionCode(),
                            now,
                            single ? rows.get(0) : parts.figures(null, "合计"),
                            rows,
                            UNAVAILABLE);
                });
    }

    /** The queried figures, looked up per community (or the total, with a null id). */
    private record Parts(
            List<ReportRepository.Placed> placed,
            List<ReportRepository.Outcomes> outcomes,
            List<ReportRepository.AssignmentTimes> times,
            List<ReportRepository.TimeBankMinutes> timeBank,
            List<ReportRepository.SubsidySpent> subsidy,
            List<VisitMonth.Figures> visits,
            List<Coverage.Figure> coverage,
            List<RatingStatistics.Row> ratings) {

        MonthlyReport.Figures figures(UUID communityId, String name) {
            List<ReportRepository.Placed> mine = placed.stream()
                    .filter(p -> communityId == null || p.communityId().equals(communityId))
                    .toList();
            List<MonthlyReport.ServiceOrders> byService = new ArrayList<>();
            for (ServiceType s : ServiceType.values()) {
                byService.add(new MonthlyReport.ServiceOrders(s, count(mine, s, "APP"), count(mine, s, "PHONE")));
            }
            ReportRepository.Outcomes outcome = pick(outcomes, ReportRepository.Outcomes::communityId, communityId);
            ReportRepository.AssignmentTimes time =
                    pick(times, ReportRepository.AssignmentTimes::communityId, communityId);
            long issued = timeBank.stream()
                    .filter(m -> communityId == null || m.communityId().equals(communityId))
                    .mapToLong(ReportRepository.TimeBankMinutes::issued)
                    .sum();
            long redeemed = timeBank.stream()
                    .filter(m -> communityId == null || m.communityId().equals(communityId))
                    .mapToLong(ReportRepository.TimeBankMinutes::redeemed)
                    .sum();
            List<ReportRepository.SubsidySpent> spent = subsidy.stream()
                    .filter(m -> communityId == null || m.communityId().equals(communityId))
                    .toList();
            long planned = visits.stream()
                    .filter(v -> communityId == null || v.communityId().equals(communityId))
                    .mapToLong(VisitMonth.Figures::planned)
                    .sum();
            long visited = visits.stream()
                    .filter(v -> communityId == null || v.communityId().equals(communityId))
                    .mapToLong(VisitMonth.Figures::visited)
                    .sum();
            RatingStatistics.Counts counts = ratings.stream()
                    .filter(r -> communityId == null || r.communityId().equals(communityId))
                    .map(RatingStatistics.Row::counts)
                    .reduce(RatingStatistics.Counts.NONE, RatingStatistics.Counts::plus);
            return new MonthlyReport.Figures(
                    communityId,
                    name,
                    outcome == null ? 0 : outcome.eldersServed(),
                    mine.stream().mapToLong(ReportRepository.Placed::orders).sum(),
                    byService,
                    outcome == null ? 0 : outcome.completed(),
                    outcome == null ? 0 : outcome.cancelled(),
                    outcome == null ? 0 : outcome.escalated(),
                    time == null
                            ? new MonthlyReport.Assignment(0, null, null)
                            : new MonthlyReport.Assignment(
                                    time.orders(), oneDecimal(time.median()), oneDecimal(time.p90())),
                    new MonthlyReport.TimeBank(issued, redeemed),
                    new MonthlyReport.Subsidy(
                            spent.stream()
                                    .mapToLong(ReportRepository.SubsidySpent::spentFen)
                                    .sum(),
                            spent.stream()
                                    .mapToLong(ReportRepository.SubsidySpent::orders)
                                    .sum(),
                            spent.stream()
                                    .mapToLong(ReportRepository.SubsidySpent::elders)
                                    .sum()),
                    new MonthlyReport.Visits(planned, visited, planned == 0 ? null : (double) visited / planned),
                    MonthlyReport.Ratings.of(counts),
                    MonthlyReport.FollowUps.of(counts),
                    coverage(communityId));
        }

        private List<MonthlyReport.CoverageFigure> coverage(UUID communityId) {
            Map<ServiceType, List<Coverage.Figure>> byService = coverage.stream()
                    .filter(f -> communityId == null || f.communityId().equals(communityId))
                    .collect(Collectors.groupingBy(Coverage.Figure::service));
            List<MonthlyReport.CoverageFigure> out = new ArrayList<>();
            for (ServiceType s : ServiceType.values()) {
                List<Coverage.Figure> list = byService.getOrDefault(s, List.of());
                long elders = list.stream().mapToLong(Coverage.Figure::elders).sum();
                long covered = list.stream().mapToLong(Coverage.Figure::covered).sum();
                Instant computedAt = list.stream()
                        .map(Coverage.Figure::computedAt)
                        .max(Comparator.naturalOrder())
                        .orElse(null);
                out.add(new MonthlyReport.CoverageFigure(
                        s, elders, covered, elders == 0 ? null : (double) covered / elders, computedAt));
            }
            return out;
        }

        private static long count(List<ReportRepository.Placed> placed, ServiceType service, String channel) {
            return placed.stream()
                    .filter(p -> p.service() == service && p.channel().equals(channel))
                    .mapToLong(ReportRepository.Placed::orders)
                    .sum();
        }

        private static <T> T pick(List<T> rows, Function<T, UUID> community, UUID communityId) {
            Map<UUID, T> byId = new HashMap<>();
            T total = null;
            for (T row : rows) {
                if (community.apply(row) == null) {
                    total = row;
                } else {
                    byId.put(community.apply(row), row);
                }
            }
            return communityId == null ? total : byId.get(communityId);
        }

        private static Double oneDecimal(Double minutes) {
            return minutes == null ? null : Math.round(minutes * 10.0) / 10.0;
        }
    }
}
