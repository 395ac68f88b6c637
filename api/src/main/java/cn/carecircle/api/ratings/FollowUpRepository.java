package cn.carecircle.api.ratings;

import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.PagedQuery;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.common.Transactions;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class FollowUpRepository {

    /** An open case whose deadline may move when a calendar is entered. */
    record Provisional(UUID id, Instant openedAt) {}

    /** A case claimed by the escalation work. */
    record Overdue(UUID id, UUID communityId, UUID orderId) {}

    private static final String FROM = """
            follow_up_case f
            join rating r on r.id = f.rating_id
            join elder e on e.id = r.elder_id
            left join rating_appeal a on a.rating_id = r.id""";

    private static final String COLUMNS = """
            f.id, f.rating_id, r.order_id, f.community_id, r.service, r.level, r.tags, r.comment, r.rated_at,
            r.rater_role, r.elder_id, e.name as elder_name,
            array(select rp.provider_id from rating_provider rp where rp.rating_id = r.id order by rp.provider_id)
                as provider_ids,
            f.status, f.opened_at, f.due_on, f.due_at, f.due_provisional, f.escalated_at,
            (select count(*) from follow_up_call c where c.case_id = f.id) as call_count,
            f.provider_response, f.provider_response_at, f.finding, f.remedy, f.finding_at, f.handling_level,
            f.closed_at, f.close_note, a.status as appeal_status""";

    private final DatabaseClient db;

    FollowUpRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> open(UUID id, UUID ratingId, UUID communityId, Instant at, HolidayCalendars.Due due) {
        return db.sql("""
                        insert into follow_up_case (id, rating_id, community_id, opened_at, due_on, due_at,
                            due_provisional, escalation_due_at)
                        values (:id, :rating, :community, :at, :dueOn, :dueAt, :provisional, :dueAt)
                        """)
                .bind("id", id)
                .bind("rating", ratingId)
                .bind("community", communityId)
                .bind("at", at)
                .bind("dueOn", due.on())
                .bind("dueAt", due.at())
                .bind("provisional", due.provisional())
                .then();
    }

    Mono<FollowUpCase> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from " + FROM + " where f.id = :id")
                .bind("id", id)
                .map(FollowUpRepository::read)
                .one();
    }

    /**
     * The queue of a set of communities: open cases first, earliest due first. {@code overdueAt} keeps only the
     * open ones due by then.
     */
    Mono<Page<FollowUpCase>> search(
            List<UUID> communities, FollowUpCase.Status status, Instant overdueAt, PageRequest page) {
        return PagedQuery.from(FROM)
                .where("f.community_id = any(:communities)", "communities", communities.toArray(UUID[]::new))
                .where("f.status = :status", "status", status == null ? null : status.name())
                .where("f.status = 'OPEN' and f.due_at <= :now", "now", overdueAt)
                .fetch(db, COLUMNS, "f.status = 'CLOSED', f.due_at, f.id", page, FollowUpRepository::read);
    }

    Flux<FollowUpCase.Call> calls(UUID caseId) {
        return db.sql("select at, outcome, note, worker_id from follow_up_call where case_id = :id order by seq")
                .bind("id", caseId)
                .map(row -> new FollowUpCase.Call(
                        row.get("at", Instant.class),
                        FollowUpCase.CallOutcome.valueOf(row.get("outcome", String.class)),
                        row.get("note", String.class),
                        row.get("worker_id", UUID.class)))
                .all();
    }

    /** Records a call on an open case; emits false when the case is closed. */
    Mono<Boolean> addCall(UUID caseId, FollowUpCase.Call call) {
        var spec = db.sql("""
                        insert into follow_up_call (id, case_id, at, outcome, note, worker_id)
                        select :id, f.id, :at, :outcome, :note, :worker from follow_up_case f
                        where f.id = :case and f.status = 'OPEN'
                        """)
                .bind("id", UUID.randomUUID())
                .bind("case", caseId)
                .bind("at", call.at())
                .bind("outcome", call.outcome().name())
                .bind("worker", call.workerId());
        return Sql.bindNullable(spec, "note", call.note(), String.class)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Boolean> respond(UUID caseId, UUID providerId, String statement, Instant at) {
        return db.sql("""
                        update follow_up_case set provider_response = :statement, provider_response_by = :provider,
                            provider_response_at = :at
                        where id = :id and status = 'OPEN' and provider_response is null
                        """)
                .bind("statement", statement)
                .bind("provider", providerId)
                .bind("at", at)
                .bind("id", caseId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Boolean> recordFinding(UUID caseId, FollowUpCase.Finding finding, String remedy, UUID by, Instant at) {
        var spec = db.sql("""
                        update follow_up_case set finding = :finding, remedy = :remedy, finding_by = :by,
                            finding_at = :at
                        where id = :id and status = 'OPEN' and finding is null
                        """)
                .bind("finding", finding.name())
                .bind("by", by)
                .bind("at", at)
                .bind("id", caseId);
        return Sql.bindNullable(spec, "remedy", remedy, String.class)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Boolean> close(UUID caseId, RatingLevel handling, String note, UUID by, Instant at) {
        var spec = db.sql("""
                        update follow_up_case set status = 'CLOSED', handling_level = :handling, close_note = :note,
                            closed_by = :by, closed_at = :at, escalation_due_at = null
                        where id = :id and status = 'OPEN' and finding is not null
                        """).bind("by", by).bind("at", at).bind("id", caseId);
        spec = Sql.bindNullable(spec, "handling", handling == null ? null : handling.name(), String.class);
        spec = Sql.bindNullable(spec, "note", note, String.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    Flux<Provisional> openProvisional() {
        return db.sql("select id, opened_at from follow_up_case where status = 'OPEN' and due_provisional")
                .map(row -> new Provisional(row.get("id", UUID.class), row.get("opened_at", Instant.class)))
                .all();
    }

    /** Moves an open case's deadline; a case already escalated stays escalated. */
    Mono<Void> moveDue(UUID caseId, HolidayCalendars.Due due) {
        return db.sql("""
                        update follow_up_case set due_on = :dueOn, due_at = :dueAt, due_provisional = :provisional,
                            escalation_due_at = case when escalated_at is null then :dueAt end
                        where id = :id and status = 'OPEN'
                        """)
                .bind("dueOn", due.on())
                .bind("dueAt", due.at())
                .bind("provisional", due.provisional())
                .bind("id", caseId)
                .then();
    }

    /** Claims open cases due at {@code now} that no other instance holds, and marks them escalated. */
    Flux<Overdue> escalateDue(Instant now, int limit) {
        return Transactions.readFully(db.sql("""
                        with due as (
                            select f.id from follow_up_case f
                            where f.escalation_due_at <= :now and f.status = 'OPEN'
                            order by f.escalation_due_at
                            limit :limit
                            for update skip locked)
                        update follow_up_case f set escalated_at = :now, escalation_due_at = null
                        from due, rating r
                        where f.id = due.id and r.id = f.rating_id
                        returning f.id, f.community_id, r.order_id
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new Overdue(
                        row.get("id", UUID.class),
                        row.get("community_id", UUID.class),
                        row.get("order_id", UUID.class)))
                .all());
    }

    /** The district officials who cover a community: overdue cases go to them. */
    Flux<UUID> officialsOf(UUID communityId) {
        return Transactions.readFully(db.sql("""
                        select a.id from account a join staff_community sc on sc.account_id = a.id
                        where sc.community_id = :c and 'DISTRICT_OFFICIAL' = any(a.roles)
                        order by a.id
                        """)
                .bind("c", communityId)
                .map(row -> row.get("id", UUID.class))
                .all());
    }

    /**
     * The provider's bad ratings found (partly) upheld since {@code since}, not excluded by an appeal and not yet
     * counted towards an earlier suspension.
     */
    Flux<UUID> upheldSince(UUID providerId, Instant since) {
        return db.sql("""
                        select r.id from rating r
                        join rating_provider rp on rp.rating_id = r.id
                        join follow_up_case f on f.rating_id = r.id
                        where rp.provider_id = :p and r.bad and not r.excluded_from_reputation
                          and f.finding in ('UPHELD', 'PARTLY_UPHELD') and r.rated_at > :since
                          and not exists (select 1 from rating_suspension s
                                          where s.provider_id = :p and r.id = any(s.rating_ids))
                        order by r.rated_at
                        """)
                .bind("p", providerId)
                .bind("since", since)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    Mono<Void> recordSuspension(UUID providerId, Instant at, UUID by, List<UUID> ratingIds) {
        return db.sql("""
                        insert into rating_suspension (id, provider_id, at, triggered_by, rating_ids)
                        values (:id, :p, :at, :by, :ratings)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("p", providerId)
                .bind("at", at)
                .bind("by", by)
                .bind("ratings", ratingIds.toArray(UUID[]::new))
                .then();
    }

    private static FollowUpCase read(Readable row) {
        return new FollowUpCase(
                row.get("id", UUID.class),
                row.get("rating_id", UUID.class),
                row.get("order_id", UUID.class),
                row.get("community_id", UUID.class),
                ServiceType.valueOf(row.get("service", String.class)),
                RatingLevel.valueOf(row.get("level", String.class)),
                RatingRepository.tags(row.get("tags", String[].class)),
                row.get("comment", String.class),
                row.get("rated_at", Instant.class),
                Rating.RaterRole.valueOf(row.get("rater_role", String.class)),
                row.get("elder_id", UUID.class),
                row.get("elder_name", String.class),
                RatingRepository.uuids(row.get("provider_ids", UUID[].class)),
                FollowUpCase.Status.valueOf(row.get("status", String.class)),
                row.get("opened_at", Instant.class),
                row.get("due_on", LocalDate.class),
                row.get("due_at", Instant.class),
                Boolean.TRUE.equals(row.get("due_provisional", Boolean.class)),
                row.get("escalated_at", Instant.class),
                row.get("call_count", Long.class).intValue(),
                row.get("provider_response", String.class),
                row.get("provider_response_at", Instant.class),
                Sql.enumOrNull(row.get("finding", String.class), FollowUpCase.Finding::valueOf),
                row.get("remedy", String.class),
                row.get("finding_at", Instant.class),
                Sql.enumOrNull(row.get("handling_level", String.class), RatingLevel::valueOf),
                row.get("closed_at", Instant.class),
                row.get("close_note", String.class),
                Sql.enumOrNull(row.get("appeal_status", String.class), Rating.Appeal.Status::valueOf));
    }
}
