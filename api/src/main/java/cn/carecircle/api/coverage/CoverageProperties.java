package cn.carecircle.api.coverage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param recomputeEvery how often the job recomputes each community's coverage (6 hours unless set) */
@ConfigurationProperties("carecircle.coverage")
record CoverageProperties(Duration recomputeEvery) {
    CoverageProperties {
        recomputeEvery = recomputeEvery == null ? Duration.ofHours(6) : recomputeEvery;
        if (recomputeEvery.isNegative() || recomputeEvery.isZero()) {
            throw new IllegalArgumentException("carecircle.coverage.recompute-every must be positive");
        }
    }
}
