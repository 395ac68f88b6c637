package cn.carecircle.api.timebank;

import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.PagedQuery;
import cn.carecircle.api.common.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class ServiceRecordRepository {

    private static final String COLUMNS = """
            id, community_id, volunteer_provider_id, volunteer_account_id, minutes, served_on, description, status,
            recorded_by, recorded_at, decided_by, decided_at, reason, posting_id""";

    private final DatabaseClient db;

    ServiceRecordRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(ServiceRecord r) {
        return db.sql("""
                        insert into timebank_service_record (id, community_id, volunteer_provider_id,
                            volunteer_account_id, minutes, served_on, description, status, recorded_by, recorded_at)
                        values (:id, :community, :provider, :account, :minutes, :servedOn, :description, :status,
                            :by, :at)
                        """)
                .bind("id", r.id())
                .bind("community", r.communityId())
                .bind("provider", r.volunteerId())
                .bind("account", r.volunteerAccountId())
                .bind("minutes", r.minutes())
                .bind("servedOn", r.servedOn())
                .bind("description", r.description())
                .bind("status", r.status().name())
                .bind("by", r.recordedBy())
                .bind("at", r.recordedAt())
                .then();
    }

    Mono<ServiceRecord> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from timebank_service_record where id = :id")
                .bind("id", id)
                .map(ServiceRecordRepository::read)
                .one();
    }

    /**
     * Decides a pending record if it is still pending and the decider did not record it; the row count tells
     * whether this decision won against a concurrent one.
     */
    Mono<Boolean> decide(UUID id, ServiceRecord.Status to, UUID by, Instant at, String reason) {
        GenericExecuteSpec spec =
                db.sql("""
                        update timebank_service_record set status = :to, decided_by = :by, decided_at = :at,
                            reason = :reason
                        where id = :id and status = 'PENDING' and recorded_by <> :by
                        """).bind("to", to.name()).bind("by", by).bind("at", at).bind("id", id);
        spec = Sql.bindNullable(spec, "reason", reason, String.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> attachPosting(UUID id, UUID postingId) {
        return db.sql("update timebank_service_record set posting_id = :p where id = :id")
                .bind("p", postingId)
                .bind("id", id)
                .then();
    }

    /** Newest first, of a set of communities or of one volunteer. */
    Mono<Page<ServiceRecord>> search(
            List<UUID> communities, UUID volunteerAccountId, ServiceRecord.Status status, PageRequest page) {
        return PagedQuery.from("timebank_service_record")
                .where(
                        "community_id = any(:communities)",
                        "communities",
                        communities == null ? null : communities.toArray(UUID[]::new))
                .where("volunteer_account_id = :volunteer", "volunteer", volunteerAccountId)
                .where("status = :status", "status", status == null ? null : status.name())
                .fetch(db, COLUMNS, "recorded_at desc, id", page, ServiceRecordRepository::read);
    }

    private static ServiceRecord read(Readable row) {
        return new ServiceRecord(
                row.get("id", UUID.class),
                row.get("community_id", UUID.class),
                row.get("volunteer_provider_id", UUID.class),
                row.get("volunteer_account_id", UUID.class),
                row.get("minutes", Integer.class),
                row.get("served_on", LocalDate.class),
                row.get("description", String.class),
                ServiceRecord.Status.valueOf(row.get("status", String.class)),
                row.get("recorded_by", UUID.class),
                row.get("recorded_at", Instant.class),
                row.get("decided_by", UUID.class),
                row.get("decided_at", Instant.class),
                row.get("reason", String.class),
                row.get("posting_id", UUID.class));
    }
}
