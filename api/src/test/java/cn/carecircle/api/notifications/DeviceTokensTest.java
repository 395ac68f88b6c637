package cn.carecircle.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Devices register for pushes, refresh, move between accounts, sign out; bad input is a problem naming the field. */
class DeviceTokensTest extends NotificationTest {

    private static final String PROBLEMS = "https://carecircle.cn/problems/";

    private WebTestClient.ResponseSpec register(WebTestClient client, Map<String, Object> body) {
        return client.put()
                .uri("/api/v1/me/device-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aDeviceRegistersAndARefreshKeepsItsRegistrationTime() {
        WebTestClient family = fixtures.family();
        String token = newToken();
        register(family, Map.of("token", token, "platform", "ANDROID"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.token")
                .isEqualTo(token)
                .jsonPath("$.platform")
                .isEqualTo("ANDROID")
                .jsonPath("$.registeredAt")
                .isEqualTo("2026-11-23T02:00:00Z")
                .jsonPath("$.lastSeenAt")
                .isEqualTo("2026-11-23T02:00:00Z");

        clock.advance(Duration.ofDays(3));
        register(family, Map.of("token", token, "platform", "ANDROID"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.registeredAt")
                .isEqualTo("2026-11-23T02:00:00Z")
                .jsonPath("$.lastSeenAt")
                .isEqualTo("2026-11-26T02:00:00Z");
        assertThat(devicesOf(accountOf(family))).isEqualTo(1);
    }

    @Test
    void aTokenRegisteredByAnotherAccountMovesToTheNewOne() {
        WebTestClient before = fixtures.family();
        WebTestClient after = fixtures.family();
        String token = newToken();
        register(before, Map.of("token", token, "platform", "IOS"))
                .expectStatus()
                .isOk();
        clock.advance(Duration.ofHours(1));
        register(after, Map.of("token", token, "platform", "IOS"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.registeredAt")
                .isEqualTo("2026-11-23T03:00:00Z");
        assertThat(devicesOf(accountOf(before))).isZero();
        assertThat(devicesOf(accountOf(after))).isEqualTo(1);
    }

    @Test
    void signingOutRemovesOnlyTheCallersDeviceAndIsIdempotent() {
        WebTestClient family = fixtures.family();
        WebTestClient other = fixtures.family();
        String mine = newToken();
        String theirs = newToken();
        register(family, Map.of("token", mine, "platform", "WEB"))
                .expectStatus()
                .isOk();
        register(other, Map.of("token", theirs, "platform", "ANDROID"))
                .expectStatus()
                .isOk();

        family.delete()
                .uri("/api/v1/me/device-tokens/{token}", theirs)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(devicesOf(accountOf(other))).isEqualTo(1);

        family.delete()
                .uri("/api/v1/me/device-tokens/{token}", mine)
                .exchange()
                .expectStatus()
                .isNoContent();
        family.delete()
                .uri("/api/v1/me/device-tokens/{token}", mine)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(devicesOf(accountOf(family))).isZero();
    }

    @Test
    void anAccountKeepsItsTwentyDevicesSeenLast() {
        WebTestClient family = fixtures.family();
        String oldest = newToken();
        register(family, Map.of("token", oldest, "platform", "ANDROID"))
                .expectStatus()
                .isOk();
        for (int i = 0; i < DeviceTokens.MAX_PER_ACCOUNT; i++) {
            clock.advance(Duration.ofMinutes(1));
            register(family, Map.of("token", newToken(), "platform", "ANDROID"))
                    .expectStatus()
                    .isOk();
        }
        UUID account = accountOf(family);
        assertThat(devicesOf(account)).isEqualTo(DeviceTokens.MAX_PER_ACCOUNT);
        assertThat(db.sql("select count(*) from device_token where token = :t")
                        .bind("t", oldest)
                        .mapValue(Long.class)
                        .one()
                        .block())
                .isZero();
    }

    @Test
    void badTokensAndPlatformsAreProblemsNamingTheFieldAndTheRule() {
        WebTestClient family = fixtures.family();
        register(family, Map.of("token", newToken(), "platform", "SYMBIAN"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("platform")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("enum");
        register(family, Map.of("token", "", "platform", "ANDROID"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'token')].rule")
                .value(rules -> assertThat(rules.toString()).contains("size"));
        String oversized = "x".repeat(1025);
        register(family, Map.of("token", oversized, "platform", "ANDROID"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("token")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("size")
                .jsonPath("$.errors[0].rejectedValue")
                .doesNotExist();
        register(family, Map.of("token", "two words", "platform", "ANDROID"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("pattern");
        Map<String, Object> noPlatform = new HashMap<>();
        noPlatform.put("token", newToken());
        register(family, noPlatform)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("platform")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("required");
        family.delete()
                .uri("/api/v1/me/device-tokens/{token}", "x".repeat(1025))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("token")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("size");
        assertThat(devicesOf(accountOf(family))).isZero();
    }

    @Test
    void onlySignedInAccountsRegisterDevices() {
        http.put()
                .uri("/api/v1/me/device-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", newToken(), "platform", "ANDROID"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        register(as(uid("nobody")), Map.of("token", newToken(), "platform", "ANDROID"))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "account-not-registered");
        as(uid("nobody"))
                .delete()
                .uri("/api/v1/me/device-tokens/{token}", newToken())
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
