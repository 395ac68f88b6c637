package cn.carecircle.api.registries;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IdNumbers;
import cn.carecircle.api.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every kind of bad input is a 4xx problem naming the field and the rule; nothing personal is echoed. */
class ProblemResponsesTest extends IntegrationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    private UUID community;
    private WebTestClient worker;

    @BeforeEach
    void setUp() {
        community = fixtures.community();
        worker = fixtures.worker(community);
    }

    private WebTestClient.BodyContentSpec postElder(Object body) {
        return worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    @Test
    void aRequestWithoutATokenIsUnauthenticated() {
        http.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unauthenticated")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/me");
    }

    @Test
    void aForgedOrMalformedTokenIsUnauthenticated() {
        http.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer not-a-jwt")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unauthenticated");
        String wrongIssuer = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ("{\"iss\":\"https://evil.example/x\",\"aud\":\"demo-carecircle\",\"sub\":\"u\",\"iat\":1,"
                                                + "\"exp\":4102444800}")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".";
        http.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer " + wrongIssuer)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aSignedInUserWithoutAnAccountIsToldToRegister() {
        as(uid("stranger"))
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "account-not-registered")
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains("register"));
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "malformed-request");
    }

    @Test
    void aMissingBodyIsAProblem() {
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "malformed-request");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=张三")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unsupported-media-type");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        Map<String, Object> body = Fixtures.elderBody(community);
        body.put("gender", "UNKNOWN");
        postElder(body)
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("gender")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("enum")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat(m.toString()).contains("MALE", "FEMALE"));
    }

    @Test
    void anUnknownServiceCodeIsRejected() {
        Map<String, Object> body = Fixtures.elderBody(community);
        body.put("needs", List.of("MEAL", "MASSAGE"));
        postElder(body)
                .jsonPath("$.errors[0].field")
                .isEqualTo("needs[1]")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("enum");
    }

    @Test
    void missingFieldsAreEachNamed() {
        postElder(Map.of("communityId", community.toString()))
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(List.copyOf((List<?>) fields))
                        .map(Object::toString)
                        .contains("name", "gender", "birthDate", "idNumber", "address", "location", "mobilityLevel"))
                .jsonPath("$.errors[?(@.field == 'name')].rule")
                .isEqualTo(List.of("required"));
    }

    @Test
    void outOfRangeNumbersNameTheRule() {
        Map<String, Object> body = Fixtures.elderBody(community);
        body.put("location", Map.of("lat", 91.5, "lon", 107.39));
        postElder(body)
                .jsonPath("$.errors[0].field")
                .isEqualTo("location.lat")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("max")
                .jsonPath("$.errors[0].rejectedValue")
                .doesNotExist();

        fixtures.operator()
                .post()
                .uri("/api/v1/communities")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "code",
                        "150802999",
                        "name",
                        "远郊嘎查",
                        "regionCode",
                        "150802",
                        "centre",
                        Map.of("lat", 40.9, "lon", 107.1),
                        "travelTimeLimitMinutes",
                        500))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("travelTimeLimitMinutes")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("max")
                .jsonPath("$.errors[0].rejectedValue")
                .isEqualTo("500");
    }

    @Test
    void aNumberWhereTextIsExpectedNamesTheType() {
        Map<String, Object> body = Fixtures.elderBody(community);
        body.put("location", Map.of("lat", "north", "lon", 107.39));
        postElder(body)
                .jsonPath("$.errors[0].field")
                .isEqualTo("location.lat")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("type");
    }

    @Test
    void aPhoneThatIsNotAMainlandMobileIsRejectedWithoutEchoingIt() {
        Map<String, Object> body = Fixtures.elderBody(community);
        body.put("phone", "0478-8123456");
        body.put("emergencyContact", Map.of("name", "李明", "phone", "12345"));
        byte[] problem = postElder(body)
                .jsonPath("$.errors[?(@.field == 'phone')].rule")
                .isEqualTo(List.of("mainland-mobile"))
                .jsonPath("$.errors[?(@.field == 'emergencyContact.phone')].rule")
                .isEqualTo(List.of("mainland-mobile"))
                .returnResult()
                .getResponseBody();
        assertThat(new String(problem, java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("0478-8123456")
                .doesNotContain(body.get("idNumber").toString());
    }

    @Test
    void anIdNumberWithAWrongCheckDigitIsRejected() {
        LocalDate birth = LocalDate.of(1945, 5, 5);
        String valid = IdNumbers.idNumber(birth, false);
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        Map<String, Object> body = Fixtures.elderBody(community, valid.substring(0, 17) + wrong, birth);
        byte[] problem = postElder(body)
                .jsonPath("$.errors[0].field")
                .isEqualTo("idNumber")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("gb11643-check-digit")
                .jsonPath("$.errors[0].rejectedValue")
                .doesNotExist()
                .returnResult()
                .getResponseBody();
        assertThat(new String(problem, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(valid.substring(0, 17));
    }

    @Test
    void anIdNumberWhoseBirthDateDiffersFromTheBirthDateIsRejected() {
        LocalDate birth = LocalDate.of(1945, 5, 5);
        Map<String, Object> body = Fixtures.elderBody(community, IdNumbers.idNumber(birth, false), birth.plusDays(1));
        postElder(body)
                .jsonPath("$.errors[0].field")
                .isEqualTo("idNumber")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("gb11643-birth-date-matches");
        postElder(Fixtures.elderBody(community, "15080219450505", birth))
                .jsonPath("$.errors[0].rule")
                .isEqualTo("gb11643-format");
    }

    @Test
    void anElderOfAnUnknownCommunityIsNotFound() {
        worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.elderBody(UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void unknownIdsAreNotFoundAndMalformedIdsAreBadRequests() {
        worker.get()
                .uri("/api/v1/elders/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "not-found");
        worker.get()
                .uri("/api/v1/elders/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("elderId")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("type")
                .jsonPath("$.errors[0].rejectedValue")
                .isEqualTo("not-a-uuid");
        worker.get()
                .uri("/api/v1/no-such-thing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "not-found");
    }

    @Test
    void aPageTooLargeIsRejected() {
        worker.get()
                .uri("/api/v1/elders?size=1000")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("max");
        worker.get()
                .uri("/api/v1/elders?phoneLast4=12a4")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("phoneLast4")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("pattern");
    }

    @Test
    void aMedicalVisitNeedsAPracticeLicenceAndAnExpiredCredentialIsRefused() {
        WebTestClient nurse = as(uid("nurse"));
        nurse.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.providerBody(community, "MEDICAL_VISIT", "CAREGIVER_CERTIFICATE"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("credentials[0].kind")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("qualifies-for-service")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat(m.toString()).contains("PRACTICE_LICENCE"));

        Map<String, Object> expired = Fixtures.providerBody(community, "MEDICAL_VISIT", "PRACTICE_LICENCE");
        expired.put(
                "credentials",
                List.of(Map.of(
                        "service",
                        "MEDICAL_VISIT",
                        "kind",
                        "PRACTICE_LICENCE",
                        "number",
                        "110150802000123",
                        "issuer",
                        "巴彦淖尔市卫生健康委员会",
                        "expiresOn",
                        "2025-12-31")));
        nurse.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(expired)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("credentials[0].expiresOn")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-expired");
        // nothing half-written: the refused onboarding left no account behind
        nurse.get().uri("/api/v1/me").exchange().expectStatus().isForbidden();
    }

    @Test
    void registeringTwiceIsAConflictAndABadPhoneIsRefused() {
        WebTestClient family = fixtures.family();
        family.post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "李明", "phone", IdNumbers.mobile()))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "already-registered");
        as(uid("family"))
                .post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "李明", "phone", "23812345678"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("phone")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("mainland-mobile");
    }

    @Test
    void aWrongMethodIsAProblem() {
        worker.delete()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "method-not-allowed");
    }
}
