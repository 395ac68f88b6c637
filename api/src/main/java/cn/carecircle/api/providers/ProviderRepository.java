package cn.carecircle.api.providers;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.common.TravelMode;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProviderRepository {

    private static final String COLUMNS = """
            p.id, p.account_id, p.community_id, p.kind, p.display_name, p.phone_enc, p.gender, p.services,
            p.languages, p.travel_mode, p.home_lat, p.home_lon, p.working_hours, p.suspended, p.suspension_reason,
            p.organisation_id""";
    private static final TypeReference<List<WorkingHours>> HOURS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final PersonalDataProtector protector;
    private final JsonMapper json;

    ProviderRepository(DatabaseClient db, PersonalDataProtector protector, JsonMapper json) {
        this.db = db;
        this.protector = protector;
        this.json = json;
    }

    Mono<Void> insert(Provider p, Instant at) {
        return db.sql("""
                        insert into provider (id, account_id, community_id, kind, display_name, phone_enc, phone_bidx,
                            gender, services, languages, travel_mode, home_lat, home_lon, working_hours, created_at)
                        values (:id, :account, :community, :kind, :name, :phoneEnc, :phoneBidx, :gender, :services,
                            :languages, :mode, :lat, :lon, :hours, :at)
                        """)
                .bind("id", p.id())
                .bind("account", p.accountId())
                .bind("community", p.communityId())
                .bind("kind", p.kind().name())
                .bind("name", p.displayName())
                .bind("phoneEnc", protector.encrypt(p.phone()))
                .bind("phoneBidx", protector.blindIndex("provider-phone", p.phone()))
                .bind("gender", p.gender().name())
                .bind("services", Sql.names(p.services()))
                .bind("languages", Sql.names(p.languages()))
                .bind("mode", p.travelMode().name())
                .bind("lat", p.homeBase().lat())
                .bind("lon", p.homeBase().lon())
                .bind("hours", Json.of(json.writeValueAsString(p.workingHours())))
                .bind("at", at)
                .then();
    }

    Mono<Void> insertCredential(UUID providerId, CredentialInput c, Instant at) {
        return db.sql("""
                        insert into credential (id, provider_id, service, kind, number, issuer, expires_on, created_at)
                        values (:id, :provider, :service, :kind, :number, :issuer, :expires, :at)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("provider", providerId)
                .bind("service", c.service().name())
                .bind("kind", c.kind().name())
                .bind("number", c.number())
                .bind("issuer", c.issuer())
                .bind("expires", c.expiresOn())
                .bind("at", at)
                .then();
    }

    Mono<Provider> findById(UUID id) {
        return withCredentials(db.sql("select " + COLUMNS + " from provider p where p.id = :id")
                        .bind("id", id)
                        .map(this::read)
                        .all())
                .next();
    }

    Flux<Provider> findAllById(List<UUID> ids) {
        return withCredentials(db.sql("select " + COLUMNS + " from provider p where p.id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(this::read)
                .all());
    }

    /** Every provider of the region's communities who offers the service. */
    Flux<Provider> findOffering(ServiceType service, String regionCode) {
        return withCredentials(db.sql("select " + COLUMNS + " from provider p join community c on c.id = p.community_id"
                        + " where c.region_code = :region and :service = any(p.services)")
                .bind("region", regionCode)
                .bind("service", service.name())
                .map(this::read)
                .all());
    }

    Mono<Provider> findByAccount(UUID accountId) {
        return withCredentials(db.sql("select " + COLUMNS + " from provider p where p.account_id = :a")
                        .bind("a", accountId)
                        .map(this::read)
                        .all())
                .next();
    }

    Mono<Page<Provider>> search(List<UUID> communities, boolean pendingOnly, PageRequest page) {
        String condition = " where p.community_id = any(:c)"
                + (pendingOnly
                        ? " and exists (select 1 from credential c where c.provider_id = p.id and c.verification = 'PENDING')"
                        : "");
        UUID[] ids = communities.toArray(UUID[]::new);
        Mono<Long> total = db.sql("select count(*) as n from provider p" + condition)
                .bind("c", ids)
                .map((row, meta) -> row.get("n", Long.class))
                .one();
        Mono<List<Provider>> items = withCredentials(db.sql("select " + COLUMNS + " from provider p" + condition
                                + " order by p.display_name, p.id limit :limit offset :offset")
                        .bind("c", ids)
                        .bind("limit", page.size())
                        .bind("offset", page.offset())
                        .map(this::read)
                        .all())
                .collectList();
        return Mono.zip(total, items).map(t -> new Page<>(t.getT2(), page.page(), page.size(), t.getT1()));
    }

    /** Decides a pending credential; the row count tells whether it was still pending. */
    Mono<Boolean> decideCredential(
            UUID providerId, UUID credentialId, boolean verified, UUID by, Instant at, String note) {
        var spec = db.sql("""
                        update credential set verification = :to, decided_by = :by, decided_at = :at, note = :note
                        where id = :id and provider_id = :provider and verification = 'PENDING'
                        """)
                .bind("to", verified ? "VERIFIED" : "REJECTED")
                .bind("by", by)
                .bind("at", at)
                .bind("id", credentialId)
                .bind("provider", providerId);
        return Sql.bindNullable(spec, "note", note, String.class)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** Sets the suspension flag; the row count tells whether it changed. */
    Mono<Boolean> setSuspended(UUID providerId, boolean suspended, String reason) {
        var spec = db.sql("""
                        update provider set suspended = :to, suspension_reason = :reason
                        where id = :id and suspended = not :to
                        """).bind("to", suspended).bind("id", providerId);
        return Sql.bindNullable(spec, "reason", suspended ? reason : null, String.class)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    private Flux<Provider> withCredentials(Flux<Provider> providers) {
        return providers.collectList().flatMapMany(list -> {
            if (list.isEmpty()) {
                return Flux.empty();
            }
            UUID[] ids = list.stream().map(Provider::id).toArray(UUID[]::new);
            return db.sql("""
                            select id, provider_id, service, kind, number, issuer, expires_on, verification, decided_by,
                                   decided_at, note
                            from credential where provider_id = any(:ids) order by created_at, id
                            """)
                    .bind("ids", ids)
                    .map((row, meta) -> Map.entry(row.get("provider_id", UUID.class), readCredential(row)))
                    .all()
                    .collect(Collectors.groupingBy(
                            Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                    .flatMapMany(byProvider -> Flux.fromIterable(list)
                            .map(p -> withCredentials(p, byProvider.getOrDefault(p.id(), List.of()))));
        });
    }

    private static Provider withCredentials(Provider p, List<Credential> credentials) {
        return new Provider(
                p.id(),
                p.accountId(),
                p.communityId(),
                p.kind(),
                p.displayName(),
                p.phone(),
                p.gender(),
                p.services(),
                p.languages(),
                p.travelMode(),
                p.homeBase(),
                p.workingHours(),
                new ArrayList<>(credentials),
                p.suspended(),
                p.suspensionReason(),
                p.organisationId());
    }

    private Provider read(Readable row) {
        return new Provider(
                row.get("id", UUID.class),
                row.get("account_id", UUID.class),
                row.get("community_id", UUID.class),
                ProviderKind.valueOf(row.get("kind", String.class)),
                row.get("display_name", String.class),
                protector.decrypt(row.get("phone_enc", String.class)),
                Gender.valueOf(row.get("gender", String.class)),
                Sql.enumSet(row.get("services", String[].class), ServiceType.class),
                Sql.enumSet(row.get("languages", String[].class), Language.class),
                TravelMode.valueOf(row.get("travel_mode", String.class)),
                new GeoPoint(row.get("home_lat", Double.class), row.get("home_lon", Double.class)),
                json.readValue(row.get("working_hours", Json.class).asString(), HOURS),
                List.of(),
                row.get("suspended", Boolean.class),
                row.get("suspension_reason", String.class),
                row.get("organisation_id", UUID.class));
    }

    private static Credential readCredential(Readable row) {
        return new Credential(
                row.get("id", UUID.class),
                ServiceType.valueOf(row.get("service", String.class)),
                CredentialKind.valueOf(row.get("kind", String.class)),
                row.get("number", String.class),
                row.get("issuer", String.class),
                row.get("expires_on", LocalDate.class),
                Credential.Verification.valueOf(row.get("verification", String.class)),
                row.get("decided_by", UUID.class),
                row.get("decided_at", Instant.class),
                row.get("note", String.class));
    }
}
