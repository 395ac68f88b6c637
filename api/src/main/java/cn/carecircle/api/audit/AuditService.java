package cn.carecircle.api.audit;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Records and reads audit events. An event names the subject by id; it never carries the personal data itself. */
@Service
public class AuditService {

    public record AuditEvent(
            UUID id,
            UUID actorAccountId,
            String action,
            String subjectType,
            UUID subjectId,
            Instant at,
            String reason) {}

    private final DatabaseClient db;
    private final Clock clock;

    AuditService(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<Void> record(UUID actor, String action, String subjectType, UUID subjectId, String reason) {
        var spec = db.sql("""
                        insert into audit_event (id, actor_account_id, action, subject_type, subject_id, at, reason)
                        values (:id, :actor, :action, :type, :subject, :at, :reason)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("actor", actor)
                .bind("action", action)
                .bind("type", subjectType)
                .bind("subject", subjectId)
                .bind("at", clock.instant());
        return (reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason)).then();
    }

    Flux<AuditEvent> list(Caller caller, UUID subjectId) {
        caller.requireRole(Role.ADMIN, Role.DISTRICT_OFFICIAL);
        return db.sql("""
                        select id, actor_account_id, action, subject_type, subject_id, at, reason
                        from audit_event where subject_id = :subject order by at desc, id limit 500
                        """)
                .bind("subject", subjectId)
                .map((row, meta) -> new AuditEvent(
                        row.get("id", UUID.class),
                        row.get("actor_account_id", UUID.class),
                        row.get("action", String.class),
                        row.get("subject_type", String.class),
                        row.get("subject_id", UUID.class),
                        row.get("at", Instant.class),
                        row.get("reason", String.class)))
                .all();
    }
}
