package cn.carecircle.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A claim that returns more rows than a reader takes ahead, each worked on in the claiming transaction: the run
 * must finish and reach every row. (Reading the rows while querying for each on the same connection waits for
 * itself.)
 */
class ManyDueRowsTest extends IntegrationTest {

    @Autowired
    BackgroundWorker worker;

    @Autowired
    DatabaseClient db;

    @Test
    void aRunOverMoreCommunitiesThanOneReadAheadReachesEachOfThem() {
        List<UUID> communities =
                IntStream.range(0, 70).mapToObj(i -> fixtures.community()).toList();
        Instant now = clock.instant();

        // the first run adds each community's monthly-visit job, due at once, and runs it (70 > one batch of 50)
        Integer handled = worker.drain().block(Duration.ofMinutes(2));

        assertThat(handled).isGreaterThanOrEqualTo(communities.size());
        Long run = db.sql("""
                        select count(*) from community_job
                        where kind = 'VISIT_PLANS' and community_id = any(:ids) and last_run_at = :now
                        """)
                .bind("ids", communities.toArray(UUID[]::new))
                .bind("now", now)
                .mapValue(Long.class)
                .one()
                .block();
        assertThat(run).isEqualTo(communities.size());
    }
}
