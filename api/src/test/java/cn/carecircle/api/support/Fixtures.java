package cn.carecircle.api.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Builds the people and places a test needs, through the API itself. */
public final class Fixtures {

    private static final AtomicInteger CODES = new AtomicInteger(1000);

    private final IntegrationTest test;

    Fixtures(IntegrationTest test) {
        this.test = test;
    }

    /**
     * A real order taken to COMPLETED over HTTP: a community with a price list, a family member with a bound
     * elder, one verified cleaner online next door who accepts the offer, checks in with the elder's visit code
     * and checks out.
     */
    public DispatchScene.Completed completedOrder() {
        DispatchScene scene = DispatchScene.create(test);
        return scene.complete(scene.cleaner(true).online(), scene.orderCleaningNow());
    }

    public static Map<String, Object> roleClaim(String role) {
        return Map.of("role", role);
    }

    /** A price-list entry as the api takes it; {@code timeBankMinutes} null where minutes may not pay for it. */
    public static Map<String, Object> price(
            String service, int durationMinutes, long priceFen, boolean subsidyEligible, Integer timeBankMinutes) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("service", service);
        entry.put("durationMinutes", durationMinutes);
        entry.put("priceFen", priceFen);
        entry.put("subsidyEligible", subsidyEligible);
        if (timeBankMinutes != null) {
            entry.put("timeBankMinutes", timeBankMinutes);
        }
        return entry;
    }

    /** The operator sets the community's price list to these entries ({@link #price}). */
    @SafeVarargs
    public final void priceList(UUID community, Map<String, Object>... entries) {
        operator()
                .put()
                .uri("/api/v1/communities/{c}/price-list", community)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entries", List.of(entries)))
                .exchange()
                .expectStatus()
                .isOk();
    }

    public WebTestClient operator() {
        return test.as(TestInfrastructure.OPERATOR_UID, roleClaim("ADMIN"));
    }

    public UUID community() {
        int n = CODES.incrementAndGet();
        // each community its own region, so that one test's online providers never serve another's orders
        String region = String.format("%06d", 900_000 + n);
        Map<String, Object> body = Map.of(
                "code",
                region + n,
                "name",
                "测试社区" + n,
                "regionCode",
                region,
                "centre",
                Map.of("lat", 40.7574, "lon", 107.3877));
        return community(body);
    }

    /** The operator registers a community with this body (code, name, region, centre, boundary…); its id. */
    public UUID community(Map<String, Object> body) {
        return UUID.fromString(operator()
                .post()
                .uri("/api/v1/communities")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }

    /** A community worker covering these communities; returns a client signed in as them. */
    public WebTestClient worker(UUID... communities) {
        String uid = IntegrationTest.uid("worker");
        operator()
                .post()
                .uri("/api/v1/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "uid", uid, "displayName", "王秀兰", "role", "COMMUNITY_WORKER", "communityIds", List.of((Object[])
                                communities)))
                .exchange()
                .expectStatus()
                .isCreated();
        return test.as(uid, roleClaim("COMMUNITY_WORKER"));
    }

    /** A district official covering these communities; returns a client signed in as them. */
    public WebTestClient official(UUID... communities) {
        String uid = IntegrationTest.uid("official");
        operator()
                .post()
                .uri("/api/v1/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "uid", uid, "displayName", "刘建国", "role", "DISTRICT_OFFICIAL", "communityIds", List.of((Object
                                        [])
                                communities)))
                .exchange()
                .expectStatus()
                .isCreated();
        return test.as(uid, roleClaim("DISTRICT_OFFICIAL"));
    }

    /** A registered family member; returns a client signed in as them. */
    public WebTestClient family() {
        String uid = IntegrationTest.uid("family");
        WebTestClient client = test.as(uid);
        client.post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "李明", "phone", IdNumbers.mobile()))
                .exchange()
                .expectStatus()
                .isCreated();
        return client;
    }

    public static Map<String, Object> elderBody(UUID community, String idNumber, LocalDate birth) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", community.toString());
        body.put("name", "张桂华");
        body.put("gender", "FEMALE");
        body.put("birthDate", birth.toString());
        body.put("idNumber", idNumber);
        body.put("phone", IdNumbers.mobile());
        body.put("address", "临河区解放街道团结社区3号楼2单元501");
        body.put("location", Map.of("lat", 40.7571, "lon", 107.3902));
        body.put("mobilityLevel", "PARTIALLY_DISABLED");
        body.put("needs", List.of("MEAL", "BATHING"));
        body.put("bathingGenderPreference", "FEMALE");
        body.put("specialDifficulty", true);
        body.put("subsidyEligible", true);
        body.put("emergencyContact", Map.of("name", "李明", "phone", IdNumbers.mobile(), "relationship", "儿子"));
        body.put("relationship", "母亲");
        body.put("consentBy", "ELDER");
        return body;
    }

    public static Map<String, Object> elderBody(UUID community) {
        LocalDate birth = LocalDate.of(1946, 3, 8);
        return elderBody(community, IdNumbers.idNumber(birth, false), birth);
    }

    /** An elder added by this family member, with the binding confirmed by this worker. */
    public UUID boundElder(WebTestClient family, WebTestClient worker, UUID community) {
        return boundElder(family, worker, community, Map.of());
    }

    /**
     * An elder added by this family member with some fields of {@link #elderBody} changed (a home elsewhere, no
     * special difficulty), with the binding confirmed by this worker.
     */
    public UUID boundElder(WebTestClient family, WebTestClient worker, UUID community, Map<String, Object> changes) {
        UUID elder = addElder(family, community, changes);
        List<?> bindings = family.get()
                .uri("/api/v1/bindings?status=PENDING")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        String binding = bindings.stream()
                .map(b -> (Map<?, ?>) b)
                .filter(b -> elder.toString().equals(b.get("elderId")))
                .findFirst()
                .map(b -> b.get("id").toString())
                .orElseThrow();
        worker.post()
                .uri("/api/v1/bindings/{id}/confirm", binding)
                .exchange()
                .expectStatus()
                .isOk();
        return elder;
    }

    public UUID addElder(WebTestClient client, UUID community) {
        return addElder(client, community, Map.of());
    }

    public UUID addElder(WebTestClient client, UUID community, Map<String, Object> changes) {
        Map<String, Object> body = elderBody(community);
        body.putAll(changes);
        return UUID.fromString(client.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }

    public static Map<String, Object> providerBody(UUID community, String service, String credentialKind) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "MEDICAL_VISIT".equals(service) ? "MEDICAL" : "CAREGIVER");
        body.put("displayName", "赵丽");
        body.put("phone", IdNumbers.mobile());
        body.put("gender", "FEMALE");
        body.put("communityId", community.toString());
        body.put("services", List.of(service));
        body.put("languages", List.of("MANDARIN", "MONGOLIAN"));
        body.put("travelMode", "E_BIKE");
        body.put("homeBase", Map.of("lat", 40.7612, "lon", 107.3951));
        body.put("workingHours", List.of(Map.of("dayOfWeek", 1, "start", "08:00", "end", "17:00")));
        body.put(
                "credentials",
                List.of(Map.of(
                        "service", service,
                        "kind", credentialKind,
                        "number", "YLHL-2024-0381",
                        "issuer", "巴彦淖尔市人力资源和社会保障局",
                        "expiresOn", "2028-06-30")));
        return body;
    }

    /** A provider onboarded in this community; the returned map is the provider's JSON. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> provider(WebTestClient client, UUID community) {
        return client.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(providerBody(community, "BATHING", "CAREGIVER_CERTIFICATE"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
