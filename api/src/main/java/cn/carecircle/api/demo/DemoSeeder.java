package cn.carecircle.api.demo;

import cn.carecircle.api.accounts.AccountService;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.community.CreateCommunityCommand;
import cn.carecircle.api.community.PriceListEntry;
import cn.carecircle.api.community.PriceListService;
import cn.carecircle.api.demo.DemoDistrict.CanteenSpec;
import cn.carecircle.api.demo.DemoDistrict.CommunitySpec;
import cn.carecircle.api.demo.DemoDistrict.CredentialSpec;
import cn.carecircle.api.demo.DemoDistrict.ElderSpec;
import cn.carecircle.api.demo.DemoDistrict.FamilySpec;
import cn.carecircle.api.demo.DemoDistrict.ProviderSpec;
import cn.carecircle.api.demo.DemoDistrict.StaffSpec;
import cn.carecircle.api.elders.CreateElderCommand;
import cn.carecircle.api.elders.Elder;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.families.BindingService;
import cn.carecircle.api.providers.Credential.Verification;
import cn.carecircle.api.providers.CredentialInput;
import cn.carecircle.api.providers.OnboardProviderCommand;
import cn.carecircle.api.providers.Provider;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.providers.ServiceOrganisations;
import cn.carecircle.api.security.Caller;
import cn.carecircle.api.visits.RecordVisitCommand;
import cn.carecircle.api.visits.SafetyRisk;
import cn.carecircle.api.visits.VisitCondition;
import cn.carecircle.api.visits.VisitMethod;
import cn.carecircle.api.visits.VisitService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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

/**
 * Fills an empty database with the sample district of {@link DemoDistrict} when the demo profile starts, and makes
 * sure its people can sign in to the Auth emulator. A database that has any community is left alone, so a restart
 * (or a database the user pointed us at) keeps what is there; the emulator users are ensured on every start because
 * the emulator forgets them when it stops.
 *
 * <p>Everything goes through the features' public services, acting as the operator, the workers, the family
 * members and the providers would: the data passes the same checks as real input and leaves the same audit trail.
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
    private final AccountService accounts;
    private final CommunityService communities;
    private final PriceListService prices;
    private final ElderService elders;
    private final BindingService bindings;
    private final ProviderService providers;
    private final ServiceOrganisations organisations;
    private final VisitService visits;
    private final DemoAuthUsers authUsers;
    private final Environment environment;
    private final Clock clock;

    DemoSeeder(
            DatabaseClient db,
            ReactiveTransactionManager transactionManager,
            AccountService accounts,
            CommunityService communities,
            PriceListService prices,
            ElderService elders,
            BindingService bindings,
            ProviderService providers,
            ServiceOrganisations organisations,
            VisitService visits,
            DemoAuthUsers authUsers,
            Environment environment,
            Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactionManager);
        this.accounts = accounts;
        this.communities = communities;
        this.prices = prices;
        this.elders = elders;
        this.bindings = bindings;
        this.providers = providers;
        this.organisations = organisations;
        this.visits = visits;
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
        StaffSpec operatorSpec = district.staff().stream()
                .filter(spec -> spec.role() == Role.ADMIN)
                .findFirst()
                .orElseThrow();
        return accounts.ensureOperator(operatorSpec.uid(), operatorSpec.displayName())
                .then(accounts.findByUid(operatorSpec.uid()))
                .map(a -> new Caller(operatorSpec.uid(), a.accountId(), a.displayName(), a.roles(), Set.of()))
                .flatMap(operator -> Flux.fromIterable(district.communities())
                        .concatMap(c -> createCommunity(operator, c))
                        .collectList()
                        .flatMap(communityIds -> Flux.fromIterable(district.staff())
                                .filter(spec -> spec.role() != Role.ADMIN)
                                .concatMap(spec -> createStaff(operator, spec, communityIds))
                                .collectList()
                                .flatMap(staff -> writePeople(district, communityIds, staff))));
    }

    private Mono<UUID> createCommunity(Caller operator, CommunitySpec c) {
        return communities
                .create(
                        operator,
                        new CreateCommunityCommand(
                                c.code(),
                                c.fullName(),
                                DemoDistrict.REGION,
                                c.centre(),
                                c.boundary(),
                                c.travelTimeLimitMinutes(),
                                c.languages()))
                .flatMap(community -> prices.replace(operator, community.id(), PRICE_LIST)
                        .then()
                        .thenReturn(community.id()));
    }

    /** The price list of every demo community, in fen and, where volunteers may serve, in minutes. */
    private static final List<PriceListEntry> PRICE_LIST = List.of(
            new PriceListEntry(ServiceType.MEAL, 30, 1200, true, 30),
            new PriceListEntry(ServiceType.BATHING, 60, 8000, true, null),
            new PriceListEntry(ServiceType.BATHING, 90, 11000, true, null),
            new PriceListEntry(ServiceType.CLEANING, 90, 6000, true, 90),
            new PriceListEntry(ServiceType.CLEANING, 120, 7800, true, 120),
            new PriceListEntry(ServiceType.MEDICAL_VISIT, 30, 5000, true, null));

    private Mono<Caller> createStaff(Caller operator, StaffSpec s, List<UUID> communityIds) {
        List<UUID> covered = s.communities().stream().map(communityIds::get).toList();
        return accounts.createStaffAccount(operator, s.uid(), s.displayName(), s.role(), covered)
                .map(me -> new Caller(s.uid(), me.accountId(), s.displayName(), me.roles(), Set.copyOf(covered)));
    }

    private Mono<Void> writePeople(DemoDistrict district, List<UUID> communityIds, List<Caller> staff) {
        // each community's elders, bindings and providers are looked after by the worker who has it first
        Map<Integer, Caller> workerOf = new HashMap<>();
        List<StaffSpec> specs = district.staff().stream()
                .filter(spec -> spec.role() != Role.ADMIN)
                .toList();
        for (int i = staff.size() - 1; i >= 0; i--) { // backwards, so the earlier worker wins
            StaffSpec spec = specs.get(i);
            if (spec.role() == Role.COMMUNITY_WORKER) {
                workerOf.put(spec.communities().get(0), staff.get(i));
            }
        }
        return Flux.fromIterable(district.families())
                .concatMap(this::registerFamily)
                .collectList()
                .flatMap(familyCallers -> addElders(district, communityIds, familyCallers, workerOf)
                        .flatMap(added -> confirmBindings(district, familyCallers, workerOf)
                                .then(visitSome(district, added, workerOf))))
                .then(Flux.fromIterable(district.providers())
                        .concatMap(p -> onboard(p, communityIds, workerOf.get(p.community()))
                                .map(provider -> Map.entry(p.uid(), provider.id())))
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                .flatMap(providerIds -> Flux.fromIterable(district.canteens())
                        .concatMap(c -> openCanteen(c, communityIds, providerIds, workerOf.get(c.community())))
                        .then());
    }

    /** The community's worker registers its canteen (老年餐桌) and records who works there. */
    private Mono<Void> openCanteen(
            CanteenSpec canteen, List<UUID> communityIds, Map<String, UUID> providerIds, Caller worker) {
        return organisations
                .create(
                        worker,
                        communityIds.get(canteen.community()),
                        ServiceOrganisations.Kind.CANTEEN,
                        canteen.name())
                .flatMap(organisation -> Flux.fromIterable(canteen.employees())
                        .concatMap(uid -> organisations.setEmployer(worker, providerIds.get(uid), organisation.id()))
                        .then());
    }

    private static final String[] FINDINGS = {"精神状态良好，能自行做饭", "腿脚不便，卫生间地面湿滑", "独居，子女每周来一次", "血压偏高，按时服药", "家中整洁，邻里照应较多"};

    /**
     * Every other special-difficulty elder of a community got this month's visit (月探访) from the community's
     * worker, earlier this month; the rest wait on the worker's 月探访 screen.
     */
    private Mono<Void> visitSome(DemoDistrict district, List<Elder> added, Map<Integer, Caller> workerOf) {
        Instant now = clock.instant();
        Instant monthStart = YearMonth.from(now.atZone(VisitService.CHINA))
                .atDay(1)
                .atStartOfDay(VisitService.CHINA)
                .toInstant();
        List<Integer> special = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            if (added.get(i).specialDifficulty()) {
                special.add(i);
            }
        }
        return Flux.range(0, special.size())
                .filter(n -> n % 2 == 0)
                .concatMap(n -> {
                    int i = special.get(n);
                    Elder elder = added.get(i);
                    Instant at = now.minus(Duration.ofHours(2L + 7L * n));
                    boolean risk = n % 6 == 0;
                    RecordVisitCommand command = new RecordVisitCommand(
                            elder.id(),
                            at.isBefore(monthStart) ? monthStart : at,
                            n % 4 == 0 ? VisitMethod.PHONE : VisitMethod.HOME,
                            null,
                            n % 3 == 0 ? VisitCondition.FAIR : VisitCondition.GOOD,
                            VisitCondition.GOOD,
                            risk ? Set.of(SafetyRisk.FALL) : Set.of(),
                            risk ? Set.of(ServiceType.BATHING) : Set.of(),
                            FINDINGS[n % FINDINGS.length],
                            risk ? "联系家属加装扶手，预约助浴服务" : null,
                            null);
                    return visits.record(workerOf.get(district.elders().get(i).community()), command);
                })
                .then();
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
    private Mono<List<Elder>> addElders(
            DemoDistrict district, List<UUID> communityIds, List<Caller> families, Map<Integer, Caller> workerOf) {
        return Flux.fromIterable(district.elders())
                .concatMap(e -> elders.create(
                        e.family() >= 0 ? families.get(e.family()) : workerOf.get(e.community()),
                        command(e, communityIds.get(e.community()))))
                .collectList();
    }

    /** The command the seeder gives the elders feature; the demo data test builds the same. */
    static CreateElderCommand command(ElderSpec e, UUID communityId) {
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
                .concatMap(i -> bindings.pendingOf(families.get(i))
                        .concatMap(binding ->
                                bindings.decide(workerOf.get(communityOfFamily.get(i)), binding, true, null)))
                .then();
    }

    /** The provider onboards themself; their community's worker then decides the credentials and suspensions. */
    private Mono<Provider> onboard(ProviderSpec p, List<UUID> communityIds, Caller worker) {
        LocalDate today = LocalDate.now(clock);
        OnboardProviderCommand command = new OnboardProviderCommand(
                p.kind(),
                p.displayName(),
                p.phone(),
                p.gender(),
                communityIds.get(p.community()),
                p.services(),
                p.languages(),
                p.travelMode(),
                p.homeBase(),
                p.workingHours(),
                p.credentials().stream()
                        .map(c -> new CredentialInput(
                                c.service(), c.kind(), c.number(), c.issuer(), today.plusDays(c.expiresInDays())))
                        .toList());
        return providers.onboard(Caller.unregistered(p.uid()), command).flatMap(provider -> {
            Mono<Void> decisions = Flux.fromIterable(p.credentials())
                    .filter(c -> c.verification() != Verification.PENDING)
                    .concatMap(c -> providers.decideCredential(
                            worker,
                            provider.id(),
                            idOf(provider, c),
                            c.verification() == Verification.VERIFIED,
                            c.note()))
                    .then();
            Mono<Void> suspension = p.suspensionReason() == null
                    ? Mono.empty()
                    : providers
                            .setSuspended(worker, provider.id(), true, p.suspensionReason())
                            .then();
            return decisions.then(suspension).thenReturn(provider);
        });
    }

    private static UUID idOf(Provider provider, CredentialSpec c) {
        return provider.credentials().stream()
                .filter(x -> x.service() == c.service()
                        && x.kind() == c.kind()
                        && x.number().equals(c.number()))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private Mono<Map<String, Long>> counts() {
        return db.sql("""
                        select (select count(*) from community) as communities,
                               (select count(*) from elder) as elders,
                               (select count(*) from provider where kind <> 'VOLUNTEER') as providers,
                               (select count(*) from provider where kind = 'VOLUNTEER') as volunteers,
                               (select count(*) from service_organisation where kind = 'CANTEEN') as canteens,
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
                            "canteens",
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
                "  %s: %d communities, %d elders, %d providers, %d volunteers, %d canteens, %d family members,"
                        + " %d workers",
                s.seeded()
                        ? String.format("Seeded in %.1f s", s.seedTook().toMillis() / 1000.0)
                        : "The database had data already, kept as it is",
                c.get("communities"),
                c.get("elders"),
                c.get("providers"),
                c.get("volunteers"),
                c.get("canteens"),
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
