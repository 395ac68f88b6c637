package cn.carecircle.api.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.support.TestInfrastructure;
import cn.carecircle.api.support.Tokens;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A verified ID token is taken on trust for a minute, never past its expiry, and a refused one is checked again:
 * counted on the emulator's user look-ups, which the Admin SDK makes each time it verifies a token.
 */
class VerifiedTokensTest extends IntegrationTest {

    private static final String LOOKUP = "/identitytoolkit.googleapis.com/v1/projects/[^/]+/accounts:lookup";

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    @Test
    void aTokenSeenWithinTheMinuteIsNotVerifiedAgain() {
        String uid = uid("family");
        WebTestClient family = registered(uid, Tokens.idToken(uid, Map.of(), Instant.now()));
        int before = lookups(uid);

        for (int i = 0; i < 3; i++) {
            family.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        }
        assertThat(lookups(uid) - before).isZero();

        clock.advance(Duration.ofSeconds(61));
        family.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        family.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(lookups(uid) - before)
                .as("verified once more after the minute")
                .isEqualTo(1);
    }

    @Test
    void aTokenAboutToExpireIsKeptOnlyUntilItsExpiry() {
        String uid = uid("family");
        // valid for the SDK (its clock is the system's), but past its expiry by the api's clock
        WebTestClient family = registered(uid, Tokens.idToken(uid, Map.of(), Instant.now()));
        clock.set(Instant.now().plus(Duration.ofHours(2)));
        int before = lookups(uid);

        family.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        family.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(lookups(uid) - before).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsCheckedAgainNextTime() {
        String uid = uid("family");
        String token = Tokens.idToken(uid, Map.of(), Instant.now());
        StubMapping disabled = TestInfrastructure.FIREBASE.stubFor(post(urlPathMatching(LOOKUP))
                .withRequestBody(containing(uid))
                .atPriority(1)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"users\":[{\"localId\":\"" + uid + "\",\"disabled\":true}]}")));
        WebTestClient family = http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
        try {
            family.get()
                    .uri("/api/v1/me")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("This user is disabled");
        } finally {
            TestInfrastructure.FIREBASE.removeStub(disabled);
        }
        family.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isForbidden(); // enabled again: not registered yet, but signed in
    }

    private WebTestClient registered(String uid, String token) {
        WebTestClient client = http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
        client.post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "王芳", "phone", "13900000001"))
                .exchange()
                .expectStatus()
                .isCreated();
        return client;
    }

    private static int lookups(String uid) {
        return TestInfrastructure.FIREBASE
                .countRequestsMatching(postRequestedFor(urlPathMatching(LOOKUP))
                        .withRequestBody(containing(uid))
                        .build())
                .getCount();
    }
}
