package cn.carecircle.api.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IdNumbers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Giving minutes over HTTP: to a bound elder or family member, within limits, idempotent, and under races. */
class GiftsAndRacesTest extends TimeBankScenario {

    @BeforeEach
    void setUp() {
        setUpScenario();
    }

    @Test
    void aVolunteerGivesEarnedMinutesToTheirBoundMother() {
        earn(120);
        assertThat(balance(volunteer)).isEqualTo(120);
        String key = key();
        give(volunteer, Map.of("toElderId", elder.toString(), "minutes", 45, "memo", "给妈妈"), key)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.kind")
                .isEqualTo("GIFT")
                .jsonPath("$.legs.length()")
                .isEqualTo(2)
                .jsonPath("$.legs[?(@.minutes == -45)]")
                .value(l -> assertThat(list(l)).hasSize(1));
        assertThat(balance(volunteer)).isEqualTo(75);
        assertThat(elderBalance(volunteer, elder)).isEqualTo(45);
        assertThat(elderBalance(worker, elder)).isEqualTo(45);
    }

    @Test
    void aReplayReturnsTheFirstPostingAndChangesNothing() {
        earn(100);
        String key = key();
        String first = give(volunteer, toElder(elder, 30), key)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        Map<String, Object> body = new HashMap<>(toElder(elder, 30));
        body.put("idempotencyKey", key);
        give(volunteer, body, null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(first);
        assertThat(balance(volunteer)).isEqualTo(70);
    }

    @Test
    void theSameKeyForAnotherGiftIsAConflict() {
        earn(100);
        String key = key();
        give(volunteer, toElder(elder, 30), key).expectStatus().isCreated();
        give(volunteer, toElder(elder, 40), key)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "duplicate")
                .jsonPath("$.errors[0].field")
                .isEqualTo("idempotencyKey");
        assertThat(balance(volunteer)).isEqualTo(70);
    }

    @Test
    void aFamilyMemberBoundToTheSameElderMayReceiveMinutes() {
        earn(60);
        WebTestClient sister = fixtures.family();
        LocalDate birth = LocalDate.of(1944, 5, 1);
        String idNumber = IdNumbers.idNumber(birth, true);
        UUID father = UUID.fromString(sister.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.elderBody(community, idNumber, birth))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
        volunteer
                .post()
                .uri("/api/v1/bindings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("elderIdNumber", idNumber, "relationship", "儿子", "consentBy", "ELDER"))
                .exchange()
                .expectStatus()
                .isCreated();
        List<?> pending = worker.get()
                .uri("/api/v1/bindings?status=PENDING")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        pending.stream()
                .map(b -> (Map<?, ?>) b)
                .filter(b -> father.toString().equals(b.get("elderId")))
                .forEach(b -> worker.post()
                        .uri("/api/v1/bindings/{id}/confirm", b.get("id"))
                        .exchange()
                        .expectStatus()
                        .isOk());
        give(volunteer, Map.of("toAccountId", accountIdOf(sister).toString(), "minutes", 20), key())
                .expectStatus()
                .isCreated();
        assertThat(balance(sister)).isEqualTo(20);
        assertThat(balance(volunteer)).isEqualTo(40);
    }

    @Test
    void giftsToStrangersAreNotFound() {
        earn(60);
        WebTestClient stranger = fixtures.family();
        UUIDs other = new UUIDs(fixtures.boundElder(stranger, worker, community), accountIdOf(stranger));
        give(volunteer, toElder(other.elder(), 10), key())
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "not-found");
        give(volunteer, Map.of("toAccountId", other.account().toString(), "minutes", 10), key())
                .expectStatus()
                .isNotFound();
        assertThat(balance(volunteer)).isEqualTo(60);
    }

    private record UUIDs(UUID elder, UUID account) {}

    @Test
    void aGiftBeyondTheBalanceIsRefused() {
        earn(30);
        give(volunteer, toElder(elder, 31), key())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "insufficient-balance")
                .jsonPath("$.errors[0].field")
                .isEqualTo("minutes")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("balance");
        assertThat(balance(volunteer)).isEqualTo(30);
    }

    @Test
    void giftsOverTheCommunityLimitsNameTheRule() {
        setRules(480, 60_000, 50, 80, 60);
        earn(200);
        give(volunteer, toElder(elder, 51), key())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unprocessable")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("gift-max-minutes");
        give(volunteer, toElder(elder, 50), key()).expectStatus().isCreated();
        give(volunteer, toElder(elder, 31), key())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("minutes")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("gift-max-minutes-per-month");
        give(volunteer, toElder(elder, 30), key()).expectStatus().isCreated();
        assertThat(balance(volunteer)).isEqualTo(120);
    }

    @Test
    void badGiftsAreProblemsNamingTheField() {
        give(volunteer, toElder(elder, 10), null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("idempotencyKey")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("required");
        give(volunteer, Map.of("minutes", 10), key())
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("one-recipient");
        give(volunteer, toElder(elder, 0), key())
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("minutes");
        Map<String, Object> body = new HashMap<>(toElder(elder, 10));
        body.put("idempotencyKey", "another-key-1");
        give(volunteer, body, "one-key-0001")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("matches-header");
    }

    @Test
    void workersDoNotGive() {
        give(worker, toElder(elder, 10), key())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "forbidden");
    }

    @Test
    void concurrentGiftsBeyondTheBalanceNeverOverdrawIt() throws Exception {
        earn(120);
        List<Integer> statuses = statuses(race(
                20, i -> give(volunteer, toElder(elder, 30), key()).expectBody().returnResult()));
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(4);
        assertThat(statuses.stream().filter(s -> s == 422)).hasSize(16);
        assertThat(balance(volunteer)).isZero();
        assertThat(elderBalance(volunteer, elder)).isEqualTo(120);
    }

    @Test
    void concurrentReplaysOfOneKeyPostOnce() throws Exception {
        earn(120);
        String key = key();
        List<Integer> statuses = statuses(race(
                12, i -> give(volunteer, toElder(elder, 30), key).expectBody().returnResult()));
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(11);
        assertThat(balance(volunteer)).isEqualTo(90);
        volunteer
                .get()
                .uri("/api/v1/timebank/accounts/{id}/statement", accountOf(volunteer))
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2);
    }

    private String accountOf(WebTestClient who) {
        return who.get()
                .uri("/api/v1/timebank/accounts/me")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    /** Statuses of the racing gifts; every refusal is an insufficient balance, nothing else. */
    private static List<Integer> statuses(List<EntityExchangeResult<byte[]>> results) {
        List<Integer> statuses = new ArrayList<>();
        for (EntityExchangeResult<byte[]> result : results) {
            int status = result.getStatus().value();
            statuses.add(status);
            if (status == 422) {
                assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                        .contains(PROBLEMS + "insufficient-balance");
            }
        }
        return statuses;
    }
}
