package cn.carecircle.api.families;

import cn.carecircle.api.common.Sql;
import cn.carecircle.api.elders.CreateElderCommand.ConsentBy;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class BindingRepository {

    private static final String SELECT = """
            select b.id, b.elder_id, e.community_id, e.name as elder_name, b.family_account_id,
                   a.display_name as family_name, b.relationship, b.status, b.consent_by, b.recorded_by,
                   b.requested_at, b.decided_at, b.decided_by, b.reason
            from family_binding b
            join elder e on e.id = b.elder_id
            join account a on a.id = b.family_account_id
            """;

    private final DatabaseClient db;

    BindingRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(
            UUID id, UUID elderId, UUID family, String relationship, ConsentBy consent, UUID recordedBy, Instant at) {
        var spec = db.sql("""
                        insert into family_binding (id, elder_id, family_account_id, relationship, status, consent_by,
                                                    recorded_by, requested_at)
                        values (:id, :elder, :family, :relationship, 'PENDING', :consent, :recordedBy, :at)
                        """)
                .bind("id", id)
                .bind("elder", elderId)
                .bind("family", family)
                .bind("consent", consent.name())
                .bind("recordedBy", recordedBy)
                .bind("at", at);
        return Sql.bindNullable(spec, "relationship", relationship, String.class)
                .then();
    }

    Mono<Binding> findById(UUID id) {
        return db.sql(SELECT + " where b.id = :id")
                .bind("id", id)
                .map(this::read)
                .one();
    }

    Mono<Boolean> hasOpen(UUID elderId, UUID family) {
        return db.sql(
                        "select 1 from family_binding where elder_id = :e and family_account_id = :f and status <> 'REJECTED'")
                .bind("e", elderId)
                .bind("f", family)
                .map((row, meta) -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<Boolean> isActive(UUID elderId, UUID family) {
        return db.sql(
                        "select 1 from family_binding where elder_id = :e and family_account_id = :f and status = 'ACTIVE'")
                .bind("e", elderId)
                .bind("f", family)
                .map((row, meta) -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<UUID> sharedActiveElder(UUID family, UUID other) {
        return db.sql("""
                        select a.elder_id from family_binding a
                        join family_binding b on b.elder_id = a.elder_id and b.status = 'ACTIVE'
                        where a.family_account_id = :f and b.family_account_id = :o and a.status = 'ACTIVE'
                        order by a.elder_id limit 1
                        """)
                .bind("f", family)
                .bind("o", other)
                .map((row, meta) -> row.get("elder_id", UUID.class))
                .one();
    }

    Flux<Binding> findByFamily(UUID family, Binding.Status status) {
        return withStatus(SELECT + " where b.family_account_id = :f", status)
                .bind("f", family)
                .map(this::read)
                .all();
    }

    Flux<Binding> findByCommunities(Collection<UUID> communities, Binding.Status status) {
        return withStatus(SELECT + " where e.community_id = any(:c)", status)
                .bind("c", communities.toArray(UUID[]::new))
                .map(this::read)
                .all();
    }

    private DatabaseClient.GenericExecuteSpec withStatus(String sql, Binding.Status status) {
        var spec = db.sql(
                sql + (status == null ? "" : " and b.status = :status") + " order by b.requested_at, b.id limit 500");
        return status == null ? spec : spec.bind("status", status.name());
    }

    /** Decides a pending binding; the row count tells whether it was still pending. */
    Mono<Boolean> decide(UUID id, Binding.Status to, UUID by, Instant at, String reason) {
        var spec =
                db.sql("""
                        update family_binding set status = :to, decided_by = :by, decided_at = :at, reason = :reason
                        where id = :id and status = 'PENDING'
                        """).bind("to", to.name()).bind("by", by).bind("at", at).bind("id", id);
        return Sql.bindNullable(spec, "reason", reason, String.class)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    private Binding read(Readable row) {
        return new Binding(
                row.get("id", UUID.class),
                row.get("elder_id", UUID.class),
                row.get("community_id", UUID.class),
                row.get("elder_name", String.class),
                row.get("family_account_id", UUID.class),
                row.get("family_name", String.class),
                row.get("relationship", String.class),
                Binding.Status.valueOf(row.get("status", String.class)),
                ConsentBy.valueOf(row.get("consent_by", String.class)),
                row.get("recorded_by", UUID.class),
                row.get("requested_at", Instant.class),
                row.get("decided_at", Instant.class),
                row.get("decided_by", UUID.class),
                row.get("reason", String.class));
    }
}
