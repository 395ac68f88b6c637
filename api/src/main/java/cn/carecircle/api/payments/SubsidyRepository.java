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

    /** The community's own amount, when and by whom it was last set. */
    record Stored(long monthlyFen, java.time.Instant updatedAt, String updatedByName) {}

    Mono<Stored> stored(UUID communityId) {
        return db.sql("""
                        select p.monthly_fen, p.updated_at, a.display_name
                        from subsidy_policy p left join account a on a.id = p.updated_by
                        where p.community_id = :c
                        """)
                .bind("c", communityId)
                .map(row -> new Stored(
                        row.get("monthly_fen", Long.class),
                        row.get("updated_at", java.time.Instant.class),
                        row.get("display_name", String.class)))
                .one();
    }

    /** How many of the community's elders their record says receive the subsidy. */
    Mono<Integer> eligibleElders(UUID communityId) {
        return db.sql("select count(*) as n from elder where community_id = :c and subsidy_eligible")
                .bind("c", communityId)
                .map(row -> row.get("n", Long.class).intValue())
                .one();
    }

    Mono<Void> setMonthlyFen(UUID communityId, long monthlyFen, java.time.Instant at, UUID by) {
        return db.sql("""
                        insert into subsidy_policy (community_id, monthly_fen, updated_at, updated_by)
                        values (:c, :f, :at, :by)
                        on conflict (community_id) do update set monthly_fen = :f, updated_at = :at, updated_by = :by
                        """)
                .bind("c", communityId)
                .bind("f", monthlyFen)
                .bind("at", at)
                .bind("by", by)
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
