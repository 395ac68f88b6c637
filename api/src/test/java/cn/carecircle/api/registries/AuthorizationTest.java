package cn.carecircle.api.registries;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint refuses the wrong role (403) and the wrong owner (404, so that ids do not leak). The allowed
 * cases are driven by {@link RegistriesFlowTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationTest extends IntegrationTest {

    private UUID community;
    private WebTestClient worker;
    private WebTestClient otherWorker;
    private WebTestClient family;
    private WebTestClient otherFamily;
    private WebTestClient provider;
    private WebTestClient otherProvider;
    private WebTestClient official;
    private WebTestClient stranger;
    private UUID elder;
    private UUID pendingBinding;
    private String providerId;
    private String credentialId;

    @BeforeAll
    void setUp() {
        community = fixtures.community();
        UUID elsewhere = fixtures.community();
        worker = fixtures.worker(community);
        otherWorker = fixtures.worker(elsewhere);
        family = fixtures.family();
        otherFamily = fixtures.family();
        elder = fixtures.boundElder(family, worker, community);
        fixtures.addElder(family, community);
        pendingBinding = UUID.fromString(((Map<?, ?>) family.get()
                        .uri("/api/v1/bindings?status=PENDING")
                        .exchange()
                        .expectBody(List.class)
                        .returnResult()
                        .getResponseBody()
                        .get(0))
                .get("id")
                .toString());
        provider = as(uid("provider"));
        Map<String, Object> onboarded = fixtures.provider(provider, community);
        providerId = onboarded.get("id").toString();
        credentialId = ((Map<?, ?>) ((List<?>) onboarded.get("credentials")).get(0))
                .get("id")
                .toString();
        otherProvider = as(uid("provider"));
        fixtures.provider(otherProvider, elsewhere);
        String officialUid = uid("official");
        fixtures.operator()
                .post()
                .uri("/api/v1/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "uid",
                        officialUid,
                        "displayName",
                        "民政干部",
                        "role",
                        "DISTRICT_OFFICIAL",
                        "communityIds",
                        List.of(elsewhere.toString())))
                .exchange()
                .expectStatus()
                .isCreated();
        official = as(officialUid, Fixtures.roleClaim("DISTRICT_OFFICIAL"));
        stranger = as(uid("stranger"));
    }

    record Case(
            String name,
            Supplier<WebTestClient> who,
            HttpMethod method,
            Supplier<String> uri,
            Object body,
            int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Object> REASON = Map.of("reason", "核实情况");
    private static final Map<String, Object> DECISION = Map.of("verified", true);
    private static final Map<String, Object> CREDENTIAL = Map.of(
            "service",
            "BATHING",
            "kind",
            "CAREGIVER_CERTIFICATE",
            "number",
            "YLHL-1",
            "issuer",
            "人社局",
            "expiresOn",
            "2030-01-01");

    Stream<Arguments> refusals() {
        Supplier<String> elderUri = () -> "/api/v1/elders/" + elder;
        Supplier<String> confirm = () -> "/api/v1/bindings/" + pendingBinding + "/confirm";
        Supplier<String> reject = () -> "/api/v1/bindings/" + pendingBinding + "/reject";
        Supplier<String> providerUri = () -> "/api/v1/providers/" + providerId;
        Supplier<String> verification = () -> providerUri.get() + "/credentials/" + credentialId + "/verification";
        Supplier<String> communityUri = () -> "/api/v1/communities/" + community;
        Map<String, Object> staff = Map.of(
                "uid",
                "someone",
                "displayName",
                "某人",
                "role",
                "COMMUNITY_WORKER",
                "communityIds",
                List.of(UUID.randomUUID().toString()));
        return Stream.of(
                        new Case(
                                "stranger lists communities",
                                () -> stranger,
                                HttpMethod.GET,
                                () -> "/api/v1/communities",
                                null,
                                403),
                        new Case(
                                "worker creates a community",
                                () -> worker,
                                HttpMethod.POST,
                                () -> "/api/v1/communities",
                                Map.of(
                                        "code",
                                        "150802777",
                                        "name",
                                        "x社区",
                                        "regionCode",
                                        "150802",
                                        "centre",
                                        Map.of("lat", 40.0, "lon", 107.0)),
                                403),
                        new Case(
                                "family creates a community",
                                () -> family,
                                HttpMethod.POST,
                                () -> "/api/v1/communities",
                                Map.of(
                                        "code",
                                        "150802778",
                                        "name",
                                        "y社区",
                                        "regionCode",
                                        "150802",
                                        "centre",
                                        Map.of("lat", 40.0, "lon", 107.0)),
                                403),
                        new Case(
                                "other worker reads the community",
                                () -> otherWorker,
                                HttpMethod.GET,
                                communityUri,
                                null,
                                404),
                        new Case(
                                "worker sets up staff",
                                () -> worker,
                                HttpMethod.POST,
                                () -> "/api/v1/staff",
                                staff,
                                403),
                        new Case(
                                "official sets up staff",
                                () -> official,
                                HttpMethod.POST,
                                () -> "/api/v1/staff",
                                staff,
                                403),
                        new Case(
                                "provider lists elders",
                                () -> provider,
                                HttpMethod.GET,
                                () -> "/api/v1/elders",
                                null,
                                403),
                        new Case(
                                "operator lists elders",
                                this::operator,
                                HttpMethod.GET,
                                () -> "/api/v1/elders",
                                null,
                                403),
                        new Case(
                                "provider adds an elder",
                                () -> provider,
                                HttpMethod.POST,
                                () -> "/api/v1/elders",
                                Fixtures.elderBody(community),
                                403),
                        new Case(
                                "official adds an elder",
                                () -> official,
                                HttpMethod.POST,
                                () -> "/api/v1/elders",
                                Fixtures.elderBody(community),
                                403),
                        new Case(
                                "other worker adds an elder to this community",
                                () -> otherWorker,
                                HttpMethod.POST,
                                () -> "/api/v1/elders",
                                Fixtures.elderBody(community),
                                404),
                        new Case(
                                "other family reads the elder", () -> otherFamily, HttpMethod.GET, elderUri, null, 404),
                        new Case("provider reads the elder", () -> provider, HttpMethod.GET, elderUri, null, 404),
                        new Case("operator reads the elder", this::operator, HttpMethod.GET, elderUri, null, 404),
                        new Case(
                                "official reads the full elder record",
                                () -> official,
                                HttpMethod.GET,
                                elderUri,
                                null,
                                404),
                        new Case(
                                "other worker reads the elder", () -> otherWorker, HttpMethod.GET, elderUri, null, 404),
                        new Case(
                                "provider lists bindings",
                                () -> provider,
                                HttpMethod.GET,
                                () -> "/api/v1/bindings",
                                null,
                                403),
                        new Case(
                                "worker asks for a binding",
                                () -> worker,
                                HttpMethod.POST,
                                () -> "/api/v1/bindings",
                                Map.of("elderIdNumber", "150802194603081220", "consentBy", "ELDER"),
                                403),
                        new Case("family confirms its own binding", () -> family, HttpMethod.POST, confirm, null, 403),
                        new Case("provider confirms a binding", () -> provider, HttpMethod.POST, confirm, null, 403),
                        new Case(
                                "other worker confirms the binding",
                                () -> otherWorker,
                                HttpMethod.POST,
                                confirm,
                                null,
                                404),
                        new Case(
                                "other worker rejects the binding",
                                () -> otherWorker,
                                HttpMethod.POST,
                                reject,
                                REASON,
                                404),
                        new Case("family rejects a binding", () -> family, HttpMethod.POST, reject, REASON, 403),
                        new Case(
                                "family lists providers",
                                () -> family,
                                HttpMethod.GET,
                                () -> "/api/v1/providers",
                                null,
                                403),
                        new Case(
                                "provider lists providers",
                                () -> provider,
                                HttpMethod.GET,
                                () -> "/api/v1/providers",
                                null,
                                403),
                        new Case(
                                "family has no provider profile",
                                () -> family,
                                HttpMethod.GET,
                                () -> "/api/v1/providers/me",
                                null,
                                404),
                        new Case(
                                "other provider reads the provider",
                                () -> otherProvider,
                                HttpMethod.GET,
                                providerUri,
                                null,
                                404),
                        new Case("family reads the provider", () -> family, HttpMethod.GET, providerUri, null, 404),
                        new Case(
                                "other worker reads the provider",
                                () -> otherWorker,
                                HttpMethod.GET,
                                providerUri,
                                null,
                                404),
                        new Case(
                                "worker adds a credential",
                                () -> worker,
                                HttpMethod.POST,
                                () -> providerUri.get() + "/credentials",
                                CREDENTIAL,
                                403),
                        new Case(
                                "other provider adds a credential",
                                () -> otherProvider,
                                HttpMethod.POST,
                                () -> providerUri.get() + "/credentials",
                                CREDENTIAL,
                                404),
                        new Case(
                                "provider verifies their own credential",
                                () -> provider,
                                HttpMethod.POST,
                                verification,
                                DECISION,
                                403),
                        new Case(
                                "family verifies a credential",
                                () -> family,
                                HttpMethod.POST,
                                verification,
                                DECISION,
                                403),
                        new Case(
                                "other worker verifies the credential",
                                () -> otherWorker,
                                HttpMethod.POST,
                                verification,
                                DECISION,
                                404),
                        new Case(
                                "provider suspends themself",
                                () -> provider,
                                HttpMethod.PUT,
                                () -> providerUri.get() + "/suspension",
                                REASON,
                                403),
                        new Case(
                                "other worker suspends the provider",
                                () -> otherWorker,
                                HttpMethod.PUT,
                                () -> providerUri.get() + "/suspension",
                                REASON,
                                404),
                        new Case(
                                "family reinstates the provider",
                                () -> family,
                                HttpMethod.POST,
                                () -> providerUri.get() + "/reinstatement",
                                REASON,
                                403),
                        new Case(
                                "other worker reinstates the provider",
                                () -> otherWorker,
                                HttpMethod.POST,
                                () -> providerUri.get() + "/reinstatement",
                                REASON,
                                404),
                        new Case(
                                "worker reads the audit trail",
                                () -> worker,
                                HttpMethod.GET,
                                () -> "/api/v1/audit-events?subjectId=" + elder,
                                null,
                                403),
                        new Case(
                                "family reads the audit trail",
                                () -> family,
                                HttpMethod.GET,
                                () -> "/api/v1/audit-events?subjectId=" + elder,
                                null,
                                403))
                .map(Arguments::of);
    }

    private WebTestClient operator() {
        return fixtures.operator();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefused(Case c) {
        WebTestClient.RequestBodySpec request =
                c.who().get().method(c.method()).uri(c.uri().get());
        WebTestClient.RequestHeadersSpec<?> ready = c.body() == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(c.body());
        ready.exchange()
                .expectStatus()
                .isEqualTo(c.status())
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(c.status());
    }
}
