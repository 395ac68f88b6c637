package cn.carecircle.api.visits;

import cn.carecircle.api.jobs.CommunityJobs;
import cn.carecircle.api.jobs.DueWork;
import java.time.Instant;
import java.time.YearMonth;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * At the start of every month (China time) gives each community's special-difficulty elders their visit slots, so
 * that a month nobody opened still counts its planned visits. Due again at the start of the next month.
 */
@Component
class VisitPlansJob implements DueWork {

    static final String KIND = "VISIT_PLANS";
    private static final int BATCH = 50;

    private final CommunityJobs jobs;
    private final VisitService visits;

    VisitPlansJob(CommunityJobs jobs, VisitService visits) {
        this.jobs = jobs;
        this.visits = visits;
    }

    @Override
    public String name() {
        return "visit-plans";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(VisitService.CHINA));
        Instant next =
                month.plusMonths(1).atDay(1).atStartOfDay(VisitService.CHINA).toInstant();
        return jobs.runDue(
                KIND,
                now,
                BATCH,
                community -> visits.ensurePlans(community, month).thenReturn(next));
    }
}
