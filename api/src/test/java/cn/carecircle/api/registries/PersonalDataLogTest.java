package cn.carecircle.api.registries;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IdNumbers;
import cn.carecircle.api.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives every path that carries personal data — registration, elders with ID numbers and phones, bad input that
 * contains them, audited reads, failures — with the application logging at DEBUG, then scans everything logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLogTest extends IntegrationTest {

    @AfterEach
    void restoreLogLevel() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("cn.carecircle", LogLevel.INFO);
    }

    @Test
    void noPhoneIdNumberOrAddressEverReachesTheLog(CapturedOutput output) {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.DEBUG);
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("cn.carecircle", LogLevel.DEBUG);

        UUID community = fixtures.community();
        WebTestClient worker = fixtures.worker(community);

        String familyPhone = IdNumbers.mobile();
        WebTestClient family = as(uid("family"));
        family.post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "李明", "phone", familyPhone))
                .exchange()
                .expectStatus()
                .isCreated();

        LocalDate birth = LocalDate.of(1943, 4, 17);
        String idNumber = IdNumbers.idNumber(birth, false);
        Map<String, Object> elder = Fixtures.elderBody(community, idNumber, birth);
        String elderPhone = elder.get("phone").toString();
        String contactPhone =
                ((Map<?, ?>) elder.get("emergencyContact")).get("phone").toString();
        String address = "临河区车站街道新华社区18号楼1单元302";
        elder.put("address", address);
        String elderId = family.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(elder)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();

        // the same person again, and bad input that carries personal data
        family.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(elder)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        Map<String, Object> bad = Fixtures.elderBody(community, idNumber.substring(0, 17) + "0", birth);
        bad.put("phone", "1" + elderPhone);
        family.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bad)
                .exchange()
                .expectStatus()
                .isBadRequest();
        family.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"idNumber\":\"" + idNumber + "\",\"phone\":" + elderPhone + ",")
                .exchange()
                .expectStatus()
                .isBadRequest();
        family.post()
                .uri("/api/v1/bindings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("elderIdNumber", idNumber, "consentBy", "SOMEONE"))
                .exchange()
                .expectStatus()
                .isBadRequest();

        // the binding workflow and an audited full read
        List<?> bindings = family.get()
                .uri("/api/v1/bindings")
                .exchange()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        worker.post()
                .uri("/api/v1/bindings/{id}/confirm", ((Map<?, ?>) bindings.get(0)).get("id"))
                .exchange()
                .expectStatus()
                .isOk();
        worker.get()
                .uri("/api/v1/elders/{id}", elderId)
                .exchange()
                .expectStatus()
                .isOk();
        worker.get()
                .uri("/api/v1/elders?phoneLast4={l}", elderPhone.substring(7))
                .exchange()
                .expectStatus()
                .isOk();
        family.get()
                .uri("/api/v1/elders/{id}", elderId)
                .exchange()
                .expectStatus()
                .isOk();

        // a provider's onboarding with a phone, and a refused one
        WebTestClient provider = as(uid("provider"));
        Map<String, Object> onboarding = Fixtures.providerBody(community, "CLEANING", "HEALTH_CERTIFICATE");
        String providerPhone = onboarding.get("phone").toString();
        provider.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(onboarding)
                .exchange()
                .expectStatus()
                .isCreated();
        onboarding.put("services", List.of("UNKNOWN"));
        as(uid("provider"))
                .post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(onboarding)
                .exchange()
                .expectStatus()
                .isBadRequest();

        assertThat(output.getAll())
                .as("the log of this run")
                .isNotBlank()
                .doesNotContain(idNumber)
                .doesNotContain(idNumber.substring(0, 17))
                .doesNotContain(elderPhone)
                .doesNotContain(contactPhone)
                .doesNotContain(familyPhone)
                .doesNotContain(providerPhone)
                .doesNotContain(address);
    }
}
