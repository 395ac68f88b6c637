package cn.carecircle.api.registries;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IdNumbers;
import cn.carecircle.api.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The registries end to end over HTTP: families and elders, bindings, providers and their credentials. */
class RegistriesFlowTest extends IntegrationTest {

    @Test
    void aFamilyMemberAddsAParentAndSeesThemOnceAWorkerConfirmsTheBinding() {
        UUID community = fixtures.community();
        UUID elsewhere = fixtures.community();
        WebTestClient worker = fixtures.worker(community);
        WebTestClient otherWorker = fixtures.worker(elsewhere);
        WebTestClient family = fixtures.family();

        family.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("FAMILY");

        LocalDate birth = LocalDate.of(1944, 7, 21);
        String idNumber = IdNumbers.idNumber(birth, false);
        Map<?, ?> created = family.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.elderBody(community, idNumber, birth))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String elder = created.get("id").toString();
        assertThat(created.get("idNumber")).isEqualTo(idNumber);

        // until a worker confirms, the family member cannot read the record
        family.get().uri("/api/v1/elders/{id}", elder).exchange().expectStatus().isNotFound();
        List<?> pending = family.get()
                .uri("/api/v1/bindings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(pending).hasSize(1);
        Map<?, ?> binding = (Map<?, ?>) pending.get(0);
        assertThat(binding.get("status")).isEqualTo("PENDING");
        assertThat(binding.get("elderMaskedName")).isEqualTo("张*华");
        assertThat(binding.get("consentBy")).isEqualTo("ELDER");

        // a worker of another community neither sees nor decides it
        otherWorker
                .get()
                .uri("/api/v1/bindings?status=PENDING")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.elderId == '" + elder + "')]")
                .doesNotExist();
        otherWorker
                .post()
                .uri("/api/v1/bindings/{id}/confirm", binding.get("id"))
                .exchange()
                .expectStatus()
                .isNotFound();

        worker.get()
                .uri("/api/v1/bindings?status=PENDING")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.elderId == '" + elder + "')].status")
                .isEqualTo(List.of("PENDING"));
        worker.post()
                .uri("/api/v1/bindings/{id}/confirm", binding.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACTIVE");
        worker.post()
                .uri("/api/v1/bindings/{id}/confirm", binding.get("id"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://carecircle.cn/problems/illegal-state");

        family.get()
                .uri("/api/v1/elders/{id}", elder)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.idNumber")
                .isEqualTo(idNumber)
                .jsonPath("$.address")
                .isEqualTo("临河区解放街道团结社区3号楼2单元501");
        family.get()
                .uri("/api/v1/elders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].maskedName")
                .isEqualTo("张*华")
                .jsonPath("$.items[0].maskedPhone")
                .value(p -> assertThat(p.toString()).matches("139\\*{4}\\d{4}"))
                .jsonPath("$.items[0].age")
                .isEqualTo(82)
                .jsonPath("$.items[0].idNumber")
                .doesNotExist();
    }

    @Test
    void aWorkersFullReadOfAnElderIsAuditedAndOtherCommunitiesSeeA404() {
        UUID community = fixtures.community();
        WebTestClient worker = fixtures.worker(community);
        WebTestClient otherWorker = fixtures.worker(fixtures.community());
        UUID elder = fixtures.addElder(worker, community);

        worker.get().uri("/api/v1/elders/{id}", elder).exchange().expectStatus().isOk();
        otherWorker
                .get()
                .uri("/api/v1/elders/{id}", elder)
                .exchange()
                .expectStatus()
                .isNotFound();

        fixtures.operator()
                .get()
                .uri("/api/v1/audit-events?subjectId={id}", elder)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].action")
                .isEqualTo("ELDER_RECORD_READ")
                .jsonPath("$[0].subjectType")
                .isEqualTo("ELDER");
    }

    @Test
    void aWorkerFindsAPhoneInElderByTheLastFourDigitsOrPartOfTheName() {
        UUID community = fixtures.community();
        WebTestClient worker = fixtures.worker(community);
        Map<String, Object> body = Fixtures.elderBody(community);
        body.put("name", "巴特尔");
        body.put("gender", "MALE");
        LocalDate birth = LocalDate.of(1950, 1, 2);
        body.put("birthDate", birth.toString());
        body.put("idNumber", IdNumbers.idNumber(birth, true));
        String phone = IdNumbers.mobile();
        body.put("phone", phone);
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
        fixtures.addElder(worker, community);

        worker.get()
                .uri("/api/v1/elders?phoneLast4={last4}&communityId={c}", phone.substring(7), community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].maskedName")
                .isEqualTo("巴*尔");
        worker.get()
                .uri("/api/v1/elders?name=特尔&communityId={c}", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        worker.get()
                .uri("/api/v1/elders?name=%25&communityId={c}", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void aSecondChildAsksToBeBoundByIdNumberOnce() {
        UUID community = fixtures.community();
        WebTestClient worker = fixtures.worker(community);
        LocalDate birth = LocalDate.of(1939, 12, 31);
        String idNumber = IdNumbers.idNumber(birth, true);
        Map<String, Object> body = Fixtures.elderBody(community, idNumber, birth);
        body.put("gender", "MALE");
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();

        WebTestClient child = fixtures.family();
        Map<String, Object> request =
                Map.of("elderIdNumber", idNumber.toLowerCase(), "relationship", "女儿", "consentBy", "GUARDIAN");
        child.post()
                .uri("/api/v1/bindings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING")
                .jsonPath("$.consentBy")
                .isEqualTo("GUARDIAN");
        child.post()
                .uri("/api/v1/bindings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://carecircle.cn/problems/duplicate");

        LocalDate other = LocalDate.of(1941, 2, 3);
        child.post()
                .uri("/api/v1/bindings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("elderIdNumber", IdNumbers.idNumber(other, true), "consentBy", "ELDER"))
                .exchange()
                .expectStatus()
                .isNotFound();

        // the same person cannot be registered twice
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void aProviderOnboardsAndAWorkerVerifiesTheCredentialSuspendsAndReinstates() {
        UUID community = fixtures.community();
        WebTestClient worker = fixtures.worker(community);
        WebTestClient otherWorker = fixtures.worker(fixtures.community());
        WebTestClient provider = as(uid("provider"));
        Map<String, Object> onboarded = fixtures.provider(provider, community);
        String id = onboarded.get("id").toString();
        List<?> credentials = (List<?>) onboarded.get("credentials");
        String credential = ((Map<?, ?>) credentials.get(0)).get("id").toString();
        assertThat(((Map<?, ?>) credentials.get(0)).get("verification")).isEqualTo("PENDING");
        assertThat(onboarded.get("maskedPhone").toString()).matches("139\\*{4}\\d{4}");

        provider.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("PROVIDER");
        provider.get()
                .uri("/api/v1/providers/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        provider.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.providerBody(community, "CLEANING", "HEALTH_CERTIFICATE"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        worker.get()
                .uri("/api/v1/providers?pendingVerification=true&communityId={c}", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(id);
        otherWorker
                .post()
                .uri("/api/v1/providers/{p}/credentials/{c}/verification", id, credential)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("verified", true))
                .exchange()
                .expectStatus()
                .isNotFound();
        worker.post()
                .uri("/api/v1/providers/{p}/credentials/{c}/verification", id, credential)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("verified", true, "note", "原件已核验"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.credentials[0].verification")
                .isEqualTo("VERIFIED")
                .jsonPath("$.credentials[0].note")
                .isEqualTo("原件已核验");
        worker.post()
                .uri("/api/v1/providers/{p}/credentials/{c}/verification", id, credential)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("verified", false))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        worker.get()
                .uri("/api/v1/providers?pendingVerification=true&communityId={c}", community)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);

        worker.put()
                .uri("/api/v1/providers/{p}/suspension", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "连续差评，暂停接单待复核"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.suspended")
                .isEqualTo(true)
                .jsonPath("$.suspensionReason")
                .isEqualTo("连续差评，暂停接单待复核");
        worker.put()
                .uri("/api/v1/providers/{p}/suspension", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "again"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        worker.post()
                .uri("/api/v1/providers/{p}/reinstatement", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "复核完毕"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.suspended")
                .isEqualTo(false);

        fixtures.operator()
                .get()
                .uri("/api/v1/audit-events?subjectId={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].action")
                .value(actions -> assertThat(List.copyOf((List<?>) actions))
                        .map(Object::toString)
                        .containsExactlyInAnyOrder("PROVIDER_SUSPENDED", "PROVIDER_REINSTATED"));
    }

    @Test
    void aProviderAddsACredentialLaterAndSeesOnlyTheirOwnProfile() {
        UUID community = fixtures.community();
        WebTestClient provider = as(uid("provider"));
        String id = fixtures.provider(provider, community).get("id").toString();
        WebTestClient other = as(uid("provider"));
        String otherId = fixtures.provider(other, community).get("id").toString();

        provider.post()
                .uri("/api/v1/providers/{p}/credentials", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "service",
                        "BATHING",
                        "kind",
                        "CAREGIVER_CERTIFICATE",
                        "number",
                        "YLHL-2025-11",
                        "issuer",
                        "巴彦淖尔市人社局",
                        "expiresOn",
                        "2029-01-01"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.credentials.length()")
                .isEqualTo(2);
        provider.get()
                .uri("/api/v1/providers/{p}", otherId)
                .exchange()
                .expectStatus()
                .isNotFound();
        provider.post()
                .uri("/api/v1/providers/{p}/credentials", otherId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "service",
                        "BATHING",
                        "kind",
                        "CAREGIVER_CERTIFICATE",
                        "number",
                        "YLHL-2025-12",
                        "issuer",
                        "巴彦淖尔市人社局",
                        "expiresOn",
                        "2029-01-01"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theOperatorSetsUpStaffWhoseRoleNeedsTheClaimAsWellAsTheAccount() {
        UUID community = fixtures.community();
        String uid = uid("official");
        fixtures.operator()
                .post()
                .uri("/api/v1/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "uid",
                        uid,
                        "displayName",
                        "民政干部",
                        "role",
                        "DISTRICT_OFFICIAL",
                        "communityIds",
                        List.of(community.toString())))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("DISTRICT_OFFICIAL")
                .jsonPath("$.communities[0].id")
                .isEqualTo(community.toString());

        as(uid, Fixtures.roleClaim("DISTRICT_OFFICIAL"))
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("DISTRICT_OFFICIAL")
                .jsonPath("$.communities[0].id")
                .isEqualTo(community.toString());
        // without the claim the account row alone grants no staff role
        as(uid).get().uri("/api/v1/elders").exchange().expectStatus().isForbidden();
        fixtures.operator()
                .post()
                .uri("/api/v1/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "uid",
                        uid,
                        "displayName",
                        "民政干部",
                        "role",
                        "DISTRICT_OFFICIAL",
                        "communityIds",
                        List.of(community.toString())))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }
}
