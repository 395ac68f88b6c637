package cn.carecircle.api.visits;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.elders.MobilityLevel;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Visit settings, plans and records. Elders' names come from the elder table in clear and leave here masked; the
 * visitor's name is the volunteer's, or the account's of the worker who went.
 */
@Repository
class VisitRepository {

    private static final String RECORD_COLUMNS = """
            r.id, r.elder_id, e.name as elder_name, r.community_id, p.month, r.visited_at, r.method,
            coalesce(v.display_name, a.display_name) as visitor_name, r.visitor_provider_id, r.health,
            r.living_conditions, r.safety_risks, r.needs, r.findings, r.follow_up, r.follow_up_order_id, r.recorded_at
            from visit_record r
            join visit_plan p on p.id = r.plan_id
            join elder e on e.id = r.elder_id
            join account a on a.id = r.visitor_account_id
            left join provider v on v.id = r.visitor_provider_id""";

    private final DatabaseClient db;

    VisitRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The ways the community allows; both when it has set none. */
    Mono<Set<VisitMethod>> allowedMethods(UUID communityId) {
        return db.sql("select allowed_methods from visit_setting where community_id = :c")
                .bind("c", communityId)
                .map((row, meta) -> Sql.enumSet(row.get("allowed_methods", String[].class), VisitMethod.class))
                .one()
                .defaultIfEmpty(EnumSet.allOf(VisitMethod.class));
    }

    Mono<Void> saveSettings(UUID communityId, Set<VisitMethod> methods, UUID by, Instant at) {
        return db.sql("""
                        insert into visit_setting (community_id, allowed_methods, updated_by, updated_at)
                        values (:c, :methods, :by, :at)
                        on conflict (community_id) do update
                            set allowed_methods = excluded.allowed_methods, updated_by = excluded.updated_by,
                                updated_at = excluded.updated_at
                        """)
                .bind("c", communityId)
                .bind("methods", Sql.names(methods))
                .bind("by", by)
                .bind("at", at)
                .then();
    }

    /** Gives every special-difficulty elder of the community a slot in the month; idempotent. */
    Mono<Long> ensurePlans(UUID communityId, YearMonth month, Instant now) {
        return db.sql("""
                        insert into visit_plan (id, elder_id, community_id, month, created_at)
                        select gen_random_uuid(), e.id, e.community_id, :month, :now
                        from elder e
                        where e.community_id = :c and e.special_difficulty
                        on conflict (elder_id, month) do nothing
                        """)
                .bind("month", month.atDay(1))
                .bind("now", now)
                .bind("c", communityId)
                .fetch()
                .rowsUpdated();
    }

    /** The elder's slot in the month, and whether a visit fills it already. */
    Mono<Slot> findSlot(UUID elderId, YearMonth month) {
        return db.sql("""
                        select p.id, exists (select 1 from visit_record r where r.plan_id = p.id) as filled
                        from visit_plan p where p.elder_id = :elder and p.month = :month
                        """)
                .bind("elder", elderId)
                .bind("month", month.atDay(1))
                .map((row, meta) -> new Slot(row.get("id", UUID.class), row.get("filled", Boolean.class)))
                .one();
    }

    record Slot(UUID planId, boolean filled) {}

    record NewVisit(
            UUID id,
            UUID planId,
            UUID elderId,
            UUID communityId,
            RecordVisitCommand command,
            UUID visitorAccountId,
            UUID recordedBy,
            Instant recordedAt) {}

    Mono<Void> insert(NewVisit v) {
        RecordVisitCommand c = v.command();
        GenericExecuteSpec spec = db.sql("""
                        insert into visit_record (id, plan_id, elder_id, community_id, visited_at, method,
                            visitor_account_id, visitor_provider_id, health, living_conditions, safety_risks, needs,
                            findings, follow_up, follow_up_order_id, recorded_by, recorded_at)
                        values (:id, :plan, :elder, :community, :at, :method, :visitor, :volunteer, :health, :living,
                            :risks, :needs, :findings, :followUp, :order, :by, :recordedAt)
                        """)
                .bind("id", v.id())
                .bind("plan", v.planId())
                .bind("elder", v.elderId())
                .bind("community", v.communityId())
                .bind("at", c.visitedAt())
                .bind("method", c.method().name())
                .bind("visitor", v.visitorAccountId())
                .bind("health", c.health().name())
                .bind("living", c.livingConditions().name())
                .bind("risks", Sql.names(c.safetyRisks()))
                .bind("needs", Sql.names(c.needs()))
                .bind("by", v.recordedBy())
                .bind("recordedAt", v.recordedAt());
        spec = Sql.bindNullable(spec, "volunteer", c.visitorProviderId(), UUID.class);
        spec = Sql.bindNullable(spec, "findings", c.findings(), String.class);
        spec = Sql.bindNullable(spec, "followUp", c.followUp(), String.class);
        spec = Sql.bindNullable(spec, "order", c.followUpOrderId(), UUID.class);
        return spec.then();
    }

    Mono<VisitRecord> findRecord(UUID id) {
        return db.sql("select " + RECORD_COLUMNS + " where r.id = :id")
                .bind("id", id)
                .map(VisitRepository::readRecord)
                .one();
    }

    Flux<VisitRecord> monthRecords(UUID communityId, YearMonth month) {
        return db.sql("select " + RECORD_COLUMNS
                        + " where p.community_id = :c and p.month = :month order by r.visited_at desc, r.id")
                .bind("c", communityId)
                .bind("month", month.atDay(1))
                .map(VisitRepository::readRecord)
                .all();
    }

    Flux<VisitRecord> elderRecords(UUID elderId) {
        return db.sql("select " + RECORD_COLUMNS + " where r.elder_id = :elder order by r.visited_at desc, r.id")
                .bind("elder", elderId)
                .map(VisitRepository::readRecord)
                .all();
    }

    /** A slot of the month with what ordering the list needs. */
    record PlanRow(
            UUID elderId,
            String name,
            LocalDate birthDate,
            MobilityLevel mobility,
            boolean visited,
            Instant lastVisitedAt,
            boolean missedPreviousMonth) {}

    Flux<PlanRow> monthPlans(UUID communityId, YearMonth month, ZoneId zone) {
        return db.sql("""
                        select p.elder_id, e.name, e.birth_date, e.mobility_level,
                            exists (select 1 from visit_record r where r.plan_id = p.id) as visited,
                            (select max(r.visited_at) from visit_record r
                                where r.elder_id = p.elder_id and r.visited_at < :end) as last_visited_at,
                            exists (select 1 from visit_plan q
                                where q.elder_id = p.elder_id and q.month = :previous
                                and not exists (select 1 from visit_record r where r.plan_id = q.id)) as missed_previous
                        from visit_plan p join elder e on e.id = p.elder_id
                        where p.community_id = :c and p.month = :month
                        """)
                .bind("c", communityId)
                .bind("month", month.atDay(1))
                .bind("previous", month.minusMonths(1).atDay(1))
                .bind("end", month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant())
                .map((row, meta) -> new PlanRow(
                        row.get("elder_id", UUID.class),
                        row.get("name", String.class),
                        row.get("birth_date", LocalDate.class),
                        MobilityLevel.valueOf(row.get("mobility_level", String.class)),
                        row.get("visited", Boolean.class),
                        row.get("last_visited_at", Instant.class),
                        row.get("missed_previous", Boolean.class)))
                .all();
    }

    Flux<VisitMonth.Figures> figures(Collection<UUID> communityIds, YearMonth month) {
        return db.sql("""
                        select p.community_id, count(*) as planned, count(r.id) as visited
                        from visit_plan p left join visit_record r on r.plan_id = p.id
                        where p.community_id = any(:c) and p.month = :month
                        group by p.community_id
                        """)
                .bind("c", communityIds.toArray(UUID[]::new))
                .bind("month", month.atDay(1))
                .map((row, meta) -> new VisitMonth.Figures(
                        row.get("community_id", UUID.class),
                        row.get("planned", Long.class),
                        row.get("visited", Long.class)))
                .all();
    }

    private static VisitRecord readRecord(Readable row) {
        return new VisitRecord(
                row.get("id", UUID.class),
                row.get("elder_id", UUID.class),
                Masking.name(row.get("elder_name", String.class)),
                row.get("community_id", UUID.class),
                YearMonth.from(row.get("month", LocalDate.class)),
                row.get("visited_at", Instant.class),
                VisitMethod.valueOf(row.get("method", String.class)),
                row.get("visitor_name", String.class),
                row.get("visitor_provider_id", UUID.class),
                VisitCondition.valueOf(row.get("health", String.class)),
                VisitCondition.valueOf(row.get("living_conditions", String.class)),
                Sql.enumSet(row.get("safety_risks", String[].class), SafetyRisk.class),
                Sql.enumSet(row.get("needs", String[].class), ServiceType.class),
                row.get("findings", String.class),
                row.get("follow_up", String.class),
                row.get("follow_up_order_id", UUID.class),
                row.get("recorded_at", Instant.class));
    }
}
