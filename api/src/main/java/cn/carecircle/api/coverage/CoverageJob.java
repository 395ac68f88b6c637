package cn.carecircle.api.coverage;

import cn.carecircle.api.jobs.CommunityJobs;
import cn.carecircle.api.jobs.DueWork;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Recomputes each community's coverage every {@code carecircle.coverage.recompute-every}, so the stored figures (and
 * the monthly report's coverage of each month) stay current when nobody asks.
 */
@Component
@EnableConfigurationProperties(CoverageProperties.class)
class CoverageJob implements DueWork {

    static final String KIND = "COVERAGE";
    private static final int BATCH = 5;

    private final CommunityJobs jobs;
    private final CoverageService coverage;
    private final CoverageProperties properties;

    CoverageJob(CommunityJobs jobs, CoverageService coverage, CoverageProperties properties) {
        this.jobs = jobs;
        this.coverage = coverage;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "coverage";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return jobs.runDue(
                KIND,
                now,
                BATCH,
                community -> coverage.compute(community).thenReturn(now.plus(properties.recomputeEvery())));
    }
}
