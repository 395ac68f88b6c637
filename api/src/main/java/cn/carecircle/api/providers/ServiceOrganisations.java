package cn.carecircle.api.providers;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.security.Caller;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Service organisations (服务商) of a community — canteens, home-care agencies, clinics — and which of them employs a
 * provider. The operator or a worker covering the community registers them and links providers (both audited).
 */
@Service
public class ServiceOrganisations {

    public enum Kind {
        CANTEEN,
        AGENCY,
        CLINIC
    }

    public record Organisation(UUID id, UUID communityId, Kind kind, String name, Instant createdAt) {}

    private final DatabaseClient db;
    private final ProviderRepository providers;
    private final AuditService audit;
    private final CommunityService communities;
    private final Clock clock;

    ServiceOrganisations(
            DatabaseClient db,
            ProviderRepository providers,
            AuditService audit,
            CommunityService communities,
            Clock clock) {
        this.db = db;
        this.communities = communities;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Mono<Organisation> create(Caller caller, UUID communityId, Kind kind, String name) {
        requireManager(caller, communityId);
        Organisation o = new Organisation(UUID.randomUUID(), communityId, kind, name.strip(), clock.instant());
        return communities
                .get(communityId)
                .then(db.sql("""
                        insert into service_organisation (id, community_id, kind, name, created_at)
                        values (:id, :community, :kind, :name, :at)
                        """)
                        .bind("id", o.id())
                        .bind("community", communityId)
                        .bind("kind", kind.name())
                        .bind("name", o.name())
                        .bind("at", o.createdAt())
                        .then())
                .then(audit.record(caller.accountId(), "ORGANISATION_CREATED", "SERVICE_ORGANISATION", o.id(), null))
                .thenReturn(o);
    }

    Flux<Organisation> list(Caller caller, UUID communityId) {
        caller.requireRole(Role.ADMIN, Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        if (!caller.has(Role.ADMIN) && !caller.covers(communityId)) {
            return Flux.error(ApiException.notFound("Community"));
        }
        return db.sql("select * from service_organisation where community_id = :c order by name")
                .bind("c", communityId)
                .map(ServiceOrganisations::organisation)
                .all();
    }

    /** The organisation, if it exists and is of this community and kind; a 422 naming {@code field} otherwise. */
    public Mono<Organisation> require(UUID organisationId, UUID communityId, Kind kind, String field) {
        return db.sql("select * from service_organisation where id = :id")
                .bind("id", organisationId)
                .map(ServiceOrganisations::organisation)
                .one()
                .filter(o -> o.communityId().equals(communityId) && (kind == null || o.kind() == kind))
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        ProblemType.UNPROCESSABLE,
                        "No such organisation in this community",
                        List.of(new FieldViolation(
                                field,
                                kind == null ? "of-community" : "of-community-and-kind",
                                kind == null
                                        ? "must be an organisation of the same community"
                                        : "must be a " + kind + " of the same community",
                                organisationId.toString())))));
    }

    /** Links the provider to an organisation of their community, or unlinks them ({@code organisationId} null). */
    @Transactional
    public Mono<UUID> setEmployer(Caller caller, UUID providerId, UUID organisationId) {
        caller.requireRole(Role.ADMIN, Role.COMMUNITY_WORKER);
        return providers
                .findById(providerId)
                .filter(p -> caller.has(Role.ADMIN) || caller.covers(p.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider")))
                .flatMap(p -> (organisationId == null
                                ? Mono.<Organisation>empty()
                                : require(organisationId, p.communityId(), null, "organisationId"))
                        .then(Sql.bindNullable(
                                        db.sql("update provider set organisation_id = :o where id = :id")
                                                .bind("id", providerId),
                                        "o",
                                        organisationId,
                                        UUID.class)
                                .then())
                        .then(audit.record(
                                caller.accountId(),
                                "PROVIDER_ORGANISATION_SET",
                                "PROVIDER",
                                providerId,
                                organisationId == null ? "independent" : "organisation " + organisationId)))
                .thenReturn(providerId);
    }

    private static Organisation organisation(Readable row) {
        return new Organisation(
                row.get("id", UUID.class),
                row.get("community_id", UUID.class),
                Kind.valueOf(row.get("kind", String.class)),
                row.get("name", String.class),
                row.get("created_at", Instant.class));
    }

    private static void requireManager(Caller caller, UUID communityId) {
        caller.requireRole(Role.ADMIN, Role.COMMUNITY_WORKER);
        if (!caller.has(Role.ADMIN) && !caller.covers(communityId)) {
            throw ApiException.notFound("Community");
        }
    }
}
