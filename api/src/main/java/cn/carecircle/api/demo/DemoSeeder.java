package cn.carecircle.api.demo;

import cn.carecircle.api.accounts.AccountService;
import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Sql;
import cn.carecircle.api.demo.DemoDistrict.CommunitySpec;
import cn.carecircle.api.demo.DemoDistrict.CredentialSpec;
import cn.carecircle.api.demo.DemoDistrict.ElderSpec;
import cn.carecircle.api.demo.DemoDistrict.FamilySpec;
import cn.carecircle.api.demo.DemoDistrict.ProviderSpec;
import cn.carecircle.api.demo.DemoDistrict.StaffSpec;
import cn.carecircle.api.elders.CreateElderCommand;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.providers.Credential.Verification;
import cn.carecircle.api.providers.ProviderKind;
import cn.carecircle.api.security.Caller;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills an empty database with the sample district of {@link DemoDistrict} when the demo profile starts, and makes
 * sure its people can sign in to the Auth emulator. A database that has any community is left alone, so a restart
 * (or a database the user pointed us at) keeps what is there; the emulator users are ensured on every start because
 * the emulator forgets them when it stops.
 *
 * <p>Elders, family members and provider accounts go through the public services, so they pass the same checks as
 * real input. What the services keep package-private (creating communities and staff, onboarding a provider,
 * confirming a binding, deciding a credential) is written here with the same SQL and encryption as their
 * repositories, together with the audit events a worker's decision leaves.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "carecircle.demo.seed", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    /** Start-up only: long enough for a slow shared machine, short enough that a hang is reported. */
    private static final Duration START_UP_LIMIT = Duration.ofMinutes(3);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final JsonMapper json;
    private final PersonalDataProtector protector;
    private final AccountService accounts;
    private final ElderService elders;
    private final AuditService audit;
    private final DemoAuthUsers authUsers;
    private final Environment environment;
    private final Clock clock;

    DemoSeeder(
            DatabaseClient db,
            ReactiveTransactionManager transactionManager,
            JsonMapper json,
            PersonalDataProtector protector,
            AccountService accounts,
            ElderService elders,
            AuditService audit,
            DemoAuthUsers authUsers,
            Environment environment,
            Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactionManager);
        this.json = json;
        this.protector = protector;
        this.accounts = accounts;
        this.elders = elders;
        this.audit = audit;
        this.authUsers = authUsers;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoDistrict district = DemoDistrict.generate();
        Mono<Boolean> seeded = isEmpty()
                .flatMap(empty -> empty
                        // one transaction: a seed that fails half-way leaves an empty database to seed again
                        ? transaction.transactional(write(district)).thenReturn(true)
                        : Mono.just(false));
        // The database and the emulator are independent, so they are filled side by side; the counts come after.
        // This is the one wait of the demo run: the sign-in hints should not appear before the data is there.
        Summary summary = Mono.zip(seeded.elapsed(), authUsers.ensure(district).elapsed())
                .flatMap(t -> counts().map(counts -> new Summary(
                        t.getT1().getT2(),
                        Duration.ofMillis(t.getT1().getT1()),
                        t.getT2().getT2(),
                        Duration.ofMillis(t.getT2().getT1()),
                        counts)))
                .block(START_UP_LIMIT);
        log.info(banner(summary));
    }

    private Mono<Boolean> isEmpty() {
        return db.sql("select not exists (select 1 from community) as empty")
                .map((row, meta) -> row.get("empty", Boolean.class))
                .one();
    }

    private Mono<Void> write(DemoDistrict district) {
        Instant now = clock.instant();
        List<UUID> communityIds =
                district.communities().stream().map(c -> UUID.randomUUID()).toList();
        Mono<Void> communities = Flux.range(0, communityIds.size())
                .concatMap(i -> insertCommunity(
                        communityIds.get(i), district.communities().get(i), now))
                .then();
        Mono<List<Caller>> staff = Flux.fromIterable(district.staff())
                .concatMap(s -> insertStaff(s, communityIds, now))
                .collectList();
        return communities.then(staff).flatMap(staffCallers -> {
            // each community's elders, bindings and providers are looked after by the worker who has it first
            Map<Integer, Caller> workerOf = new HashMap<>();
            for (int i = staffCallers.size() - 1; i >= 0; i--) { // backwards, so the earlier worker wins
                StaffSpec spec = district.staff().get(i);
                if (spec.role() == Role.COMMUNITY_WORKER) {
                    workerOf.put(spec.communities().get(0), staffCallers.get(i));
                }
            }
            return Flux.fromIterable(district.families())
                    .concatMap(this::registerFamily)
                    .collectList()
                    .flatMap(familyCallers -> addElders(district, communityIds, familyCallers, workerOf)
                            .then(confirmBindings(district, familyCallers, workerOf)))
                    .then(Flux.fromIterable(district.providers())
                            .concatMap(p -> onboard(p, communityIds, workerOf.get(p.community()), now))
                            .then());
        });
    }

    private Mono<Void> insertCommunity(UUID id, CommunitySpec c, Instant at) {
        return db.sql("""
                        insert into community (id, code, name, region_code, centre_lat, centre_lon, boundary,
                                               travel_time_limit_minutes, languages, created_at)
                        values (:id, :code, :name, :region, :lat, :lon, :boundary, :limit, :languages, :at)
                        """)
                .bind("id", id)
                .bind("code", c.code())
                .bind("name", c.fullName())
                .bind("region", DemoDistrict.REGION)
                .bind("lat", c.centre().lat())
                .bind("lon", c.centre().lon())
                .bind("boundary", Json.of(json.writeValueAsString(c.boundary())))
                .bind("limit", c.travelTimeLimitMinutes())
                .bind("languages", Sql.names(c.languages()))
                .bind("at", at)
                .then();
    }

    private Mono<Caller> insertStaff(StaffSpec s, List<UUID> communityIds, Instant at) {
        UUID id = UUID.randomUUID();
        List<UUID> covered = s.communities().stream().map(communityIds::get).toList();
        return db.sql("""
                        insert into account (id, firebase_uid, display_name, roles, created_at)
                        values (:id, :uid, :name, :roles, :at)
                        """)
                .bind("id", id)
                .bind("uid", s.uid())
                .bind("name", s.displayName())
                .bind("roles", new String[] {s.role().name()})
                .bind("at", at)
                .then()
                .thenMany(Flux.fromIterable(covered)
                        .concatMap(c -> db.sql("insert into staff_community (account_id, community_id) values (:a, :c)")
                                .bind("a", id)
                                .bind("c", c)
                                .then()))
                .then(Mono.fromSupplier(
                        () -> new Caller(s.uid(), id, s.displayName(), Set.of(s.role()), Set.copyOf(covered))));
    }

    private Mono<Caller> registerFamily(FamilySpec f) {
        return accounts.registerFamilyMember(Caller.unregistered(f.uid()), f.displayName(), f.phone())
                .then(accounts.findByUid(f.uid()))
                .map(a -> new Caller(f.uid(), a.accountId(), a.displayName(), a.roles(), Set.of()));
    }

    /**
     * A family member adds their parents themself (which opens a pending binding, as in the app); the elders
     * without a child online were registered by their community's worker.
     */
    private Mono<Void> addElders(
            DemoDistrict district, List<UUID> communityIds, List<Caller> families, Map<Integer, Caller> workerOf) {
        return Flux.fromIterable(district.elders())
                .concatMap(e -> elders.create(
                        e.family() >= 0 ? families.get(e.family()) : workerOf.get(e.community()),
                        command(e, communityIds.get(e.community()))))
                .then();
    }

    private static CreateElderCommand command(ElderSpec e, UUID communityId) {
        return new CreateElderCommand(
                communityId,
                e.name(),
                e.gender(),
                e.birthDate(),
                e.idNumber(),
                e.phone(),
                e.address(),
                e.home(),
                e.mobility(),
                e.needs(),
                e.languages(),
                e.bathingGenderPreference(),
                e.specialDifficulty(),
                e.subsidyEligible(),
                e.emergencyContact(),
                e.relationship(),
                e.consentBy());
    }

    /** The worker of the elders' community confirms every binding but a few, which wait on their screen. */
    private Mono<Void> confirmBindings(DemoDistrict district, List<Caller> families, Map<Integer, Caller> workerOf) {
        Map<Integer, Integer> communityOfFamily = district.elders().stream()
                .filter(e -> e.family() >= 0)
                .collect(Collectors.toMap(ElderSpec::family, ElderSpec::community, (a, b) -> a));
        return Flux.range(0, families.size())
                .filter(i -> !district.families().get(i).bindingLeftPending())
                .concatMap(i -> {
                    Caller worker = workerOf.get(communityOfFamily.get(i));
                    return db.sql("""
                                    update family_binding set status = 'ACTIVE', decided_by = :by, decided_at = :at
                                    where family_account_id = :family and status = 'PENDING'
                                    returning id
                                    """)
                            .bind("by", worker.accountId())
                            .bind("at", clock.instant())
                            .bind("family", families.get(i).accountId())
                            .map((row, meta) -> row.get("id", UUID.class))
                            .all()
                            .concatMap(binding ->
                                    audit.record(worker.accountId(), "BINDING_CONFIRMED", "BINDING", binding, null));
                })
                .then();
    }

    private Mono<Void> onboard(ProviderSpec p, List<UUID> communityIds, Caller worker, Instant at) {
        UUID id = UUID.randomUUID();
        Role role = p.kind() == ProviderKind.VOLUNTEER ? Role.VOLUNTEER : Role.PROVIDER;
        Mono<Void> provider = accounts.ensureProviderAccount(
                        Caller.unregistered(p.uid()), p.displayName(), p.phone(), role)
                .flatMap(accountId -> {
                    var spec = db.sql("""
                                    insert into provider (id, account_id, community_id, kind, display_name, phone_enc,
                                        phone_bidx, gender, services, languages, travel_mode, home_lat, home_lon,
                                        working_hours, suspended, suspension_reason, created_at)
                                    values (:id, :account, :community, :kind, :name, :phoneEnc, :phoneBidx, :gender,
                                        :services, :languages, :mode, :lat, :lon, :hours, :suspended, :reason, :at)
                                    """)
                            .bind("id", id)
                            .bind("account", accountId)
                            .bind("community", communityIds.get(p.community()))
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
                            .bind("suspended", p.suspensionReason() != null)
                            .bind("at", at);
                    return Sql.bindNullable(spec, "reason", p.suspensionReason(), String.class)
                            .then();
                });
        Mono<Void> credentials = Flux.fromIterable(p.credentials())
                .concatMap(c -> insertCredential(id, c, worker, at))
                .then();
        Mono<Void> suspension = p.suspensionReason() == null
                ? Mono.empty()
                : audit.record(worker.accountId(), "PROVIDER_SUSPENDED", "PROVIDER", id, p.suspensionReason());
        return provider.then(credentials).then(suspension);
    }

    private Mono<Void> insertCredential(UUID providerId, CredentialSpec c, Caller worker, Instant at) {
        UUID id = UUID.randomUUID();
        boolean decided = c.verification() != Verification.PENDING;
        var spec = db.sql("""
                        insert into credential (id, provider_id, service, kind, number, issuer, expires_on,
                            verification, decided_by, decided_at, note, created_at)
                        values (:id, :provider, :service, :kind, :number, :issuer, :expires, :verification,
                            :by, :decidedAt, :note, :at)
                        """)
                .bind("id", id)
                .bind("provider", providerId)
                .bind("service", c.service().name())
                .bind("kind", c.kind().name())
                .bind("number", c.number())
                .bind("issuer", c.issuer())
                .bind("expires", LocalDate.now(clock).plusDays(c.expiresInDays()))
                .bind("verification", c.verification().name())
                .bind("at", at);
        spec = Sql.bindNullable(spec, "by", decided ? worker.accountId() : null, UUID.class);
        spec = Sql.bindNullable(spec, "decidedAt", decided ? at : null, Instant.class);
        spec = Sql.bindNullable(spec, "note", c.note(), String.class);
        Mono<Void> decision = decided
                ? audit.record(
                        worker.accountId(),
                        c.verification() == Verification.VERIFIED ? "CREDENTIAL_VERIFIED" : "CREDENTIAL_REJECTED",
                        "CREDENTIAL",
                        id,
                        c.note())
                : Mono.empty();
        return spec.then().then(decision);
    }

    private Mono<Map<String, Long>> counts() {
        return db.sql("""
                        select (select count(*) from community) as communities,
                               (select count(*) from elder) as elders,
                               (select count(*) from provider where kind <> 'VOLUNTEER') as providers,
                               (select count(*) from provider where kind = 'VOLUNTEER') as volunteers,
                               (select count(*) from account where 'FAMILY' = any(roles)) as families,
                               (select count(*) from account where 'COMMUNITY_WORKER' = any(roles)) as workers,
                               (select count(*) from family_binding where status = 'PENDING') as pending_bindings,
                               (select count(*) from credential where verification = 'PENDING') as pending_credentials
                        """)
                .map((row, meta) -> {
                    Map<String, Long> counts = new java.util.LinkedHashMap<>();
                    for (String name : List.of(
                            "communities",
                            "elders",
                            "providers",
                            "volunteers",
                            "families",
                            "workers",
                            "pending_bindings",
                            "pending_credentials")) {
                        counts.put(name, row.get(name, Long.class));
                    }
                    return counts;
                })
                .one();
    }

    private record Summary(
            boolean seeded, Duration seedTook, int authUsers, Duration authTook, Map<String, Long> counts) {}

    /** The block a newcomer reads: where to go and how to sign in. Counts only, never anyone's personal data. */
    private String banner(Summary s) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        String emulator = environment.getProperty("carecircle.firebase.auth-emulator-host", "127.0.0.1:9099");
        String apiKey = environment.getProperty("carecircle.firebase.api-key", "demo-api-key");
        Map<String, Long> c = s.counts();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("==================== CareCircle demo (临河区, Bayannur) ====================");
        lines.add(String.format(
                "  %s: %d communities, %d elders, %d providers, %d volunteers, %d family members, %d workers",
                s.seeded()
                        ? String.format("Seeded in %.1f s", s.seedTook().toMillis() / 1000.0)
                        : "The database had data already, kept as it is",
                c.get("communities"),
                c.get("elders"),
                c.get("providers"),
                c.get("volunteers"),
                c.get("families"),
                c.get("workers")));
        lines.add(String.format(
                "  Waiting for a worker: %d bindings, %d credentials",
                c.get("pending_bindings"), c.get("pending_credentials")));
        lines.add(String.format(
                "  %d sign-in users in the Firebase Auth emulator at %s (%.1f s)",
                s.authUsers(), emulator, s.authTook().toMillis() / 1000.0));
        lines.add("");
        lines.add("  Admin site  " + base + "/admin/");
        lines.add("              sign in as worker01@demo.carecircle.cn / " + DemoDistrict.PASSWORD);
        lines.add("              (also worker02..06, official@ and admin@demo.carecircle.cn, family001..150@,");
        lines.add("               provider01..80@, volunteer01..30@ - same password)");
        lines.add("  API docs    " + base + "/swagger-ui.html");
        lines.add("  A token     curl -s -H 'Content-Type: application/json' \\");
        lines.add("                -d '{\"email\":\"worker01@demo.carecircle.cn\",\"password\":\""
                + DemoDistrict.PASSWORD + "\",\"returnSecureToken\":true}' \\");
        lines.add("                'http://" + emulator
                + "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=" + apiKey + "'");
        lines.add("              then: curl -H \"Authorization: Bearer <idToken>\" " + base + "/api/v1/me");
        lines.add("============================================================================");
        return String.join(System.lineSeparator(), lines);
    }
}
