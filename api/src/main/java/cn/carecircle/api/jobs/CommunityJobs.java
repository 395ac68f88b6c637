package cn.carecircle.api.jobs;

import cn.carecircle.api.common.Transactions;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Per-community background work with a due time (table {@code community_job}): every community gets a row of each
 * kind the first time that kind runs after the community exists; a run claims the due rows {@code FOR UPDATE SKIP
 * LOCKED} at {@code now} (the injected clock's time), does each community's work in the claiming transaction and
 * stores the next due time the work answers. Several api instances never work on the same community at once.
 */
@Component
public class CommunityJobs {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    CommunityJobs(DatabaseClient db, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactionManager);
    }

    /**
     * Runs {@code work} for at most {@code batch} communities whose {@code kind} is due at {@code now}; emits how
     * many it ran. {@code work} emits when that community's work is next due.
     */
    public Mono<Integer> runDue(String kind, Instant now, int batch, Function<UUID, Mono<Instant>> work) {
        Mono<Long> addMissing =
                db.sql("""
                        insert into community_job (community_id, kind, due_at)
                        select c.id, :kind, :now from community c
                        where not exists (select 1 from community_job j where j.community_id = c.id and j.kind = :kind)
                        on conflict do nothing
                        """).bind("kind", kind).bind("now", now).fetch().rowsUpdated();
        Mono<Integer> claimAndRun = db.sql("""
                        select community_id from community_job
                        where kind = :kind and due_at <= :now
                        order by due_at
                        limit :batch
                        for update skip locked
                        """)
                .bind("kind", kind)
                .bind("now", now)
                .bind("batch", batch)
                .map((row, meta) -> row.get("community_id", UUID.class))
                .all()
                .as(Transactions::readFully)
                .concatMap(community -> work.apply(community)
                        .flatMap(next -> db.sql("""
                                        update community_job set due_at = :next, last_run_at = :now
                                        where community_id = :community and kind = :kind
                                        """)
                                .bind("next", next)
                                .bind("now", now)
                                .bind("community", community)
                                .bind("kind", kind)
                                .then()
                                .thenReturn(community)))
                .count()
                .map(Long::intValue)
                .as(transaction::transactional);
        return addMissing.then(claimAndRun);
    }
}
