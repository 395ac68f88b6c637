package cn.carecircle.api.security;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param projectId the Firebase project whose ID tokens are accepted
 * @param apiKey the web API key the admin site signs in with (public by design)
 * @param authEmulatorHost {@code host:port} of the Firebase Auth emulator; set only for development and tests
 * @param credentialsFile a service-account file for production; empty means application-default credentials
 * @param verifiedTokenTtl how long a verified ID token is taken on trust before the SDK checks it again (never past
 *     its expiry); zero checks every request
 */
@Validated
@ConfigurationProperties("carecircle.firebase")
public record FirebaseProperties(
        @NotBlank String projectId,
        @NotBlank String apiKey,
        String authEmulatorHost,
        String credentialsFile,
        @DefaultValue("PT1M") Duration verifiedTokenTtl) {

    public boolean emulator() {
        return authEmulatorHost != null && !authEmulatorHost.isBlank();
    }
}
