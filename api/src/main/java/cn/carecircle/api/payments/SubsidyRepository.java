package cn.carecircle.api.payments;

import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The communities' monthly subsidy per elder and each elder's allowance used per month. */
@Repository
class SubsidyRepository {

    private final DatabaseClient db;

    SubsidyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The community's own monthly amount; empty when it has set none. */
    Mono<Long> monthlyFen(UUID communityId) {
        return db.sql("select monthly_fen from subsidy_policy where community_id = :c")
                .bind("c", communityId)
                .map(row -> row.get("monthly_fen", Long.class))
                .one();
    }

    Mono<Void> setMonthlyFen(UUID communityId, long monthlyFen, java.time.Instant at) {
        return db.sql("""
                        insert into subsidy_policy (community_id, monthly_fen, updated_at) values (:c, :f, :at)
                        on conflict (community_id) do update set monthly_fen = :f, updated_at = :at
                        """)
                .bind("c", communityId)
                .bind("f", monthlyFen)
                .bind("at", at)
                .then();
    }

    /** What is left of the elder's allowance this month; {@code limit} when the month has not been used yet. */
    Mono<Long> remaining(UUID elderId, LocalDate month, long limit) {
        return db.sql(
                        "select limit_fen - used_fen as left_fen from subsidy_allowance where elder_id = :e and month = :m")
                .bind("e", elderId)
                .bind("m", month)
                .map(row -> row.get("left_fen", Long.class))
                .one()
                .defaultIfEmpty(limit);
    }

    /**
     * Takes up to {@code wantFen} of what is left this month and answers how much it took. The month's row is
     * opened (with the limit in force) on first use, then locked: concurrent payments for the same elder take
     * turns, and each sees what the one before it left. In the caller's transaction, so a refusal later in it gives
     * the fen back.
     */
    Mono<Long> take(UUID elderId, LocalDate month, long limit, long wantFen) {
        return db.sql("""
                        insert into subsidy_allowance (elder_id, month, limit_fen, used_fen)
                        values (:e, :m, :limit, 0)
                        on conflict (elder_id, month) do nothing
                        """)
                .bind("e", elderId)
                .bind("m", month)
                .bind("limit", limit)
                .then()
                .then(db.sql("""
                                select least(:want, limit_fen - used_fen) as take from subsidy_allowance
                                where elder_id = :e and month = :m for update
                                """)
                        .bind("want", wantFen)
                        .bind("e", elderId)
                        .bind("m", month)
                        .map(row -> row.get("take", Long.class))
                        .one())
                .flatMap(take -> take == 0
                        ? Mono.just(0L)
                        : db.sql(
                                        "update subsidy_allowance set used_fen = used_fen + :t where elder_id = :e and month = :m")
                                .bind("t", take)
                                .bind("e", elderId)
                                .bind("m", month)
                                .then()
                                .thenReturn(take));
    }

    /** Gives fen back to the month they were taken from (a cancelled order). */
    Mono<Void> giveBack(UUID elderId, LocalDate month, long fen) {
        return db.sql("update subsidy_allowance set used_fen = used_fen - :f where elder_id = :e and month = :m")
                .bind("f", fen)
                .bind("e", elderId)
                .bind("m", month)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("No subsidy allowance of " + month + " to give back")));
    }
}
