package cn.carecircle.api.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param projectId the Firebase project whose ID tokens are accepted
 * @param apiKey the web API key the admin site signs in with (public by design)
 * @param authEmulatorHost {@code host:port} of the Firebase Auth emulator; set only for development and tests
 * @param credentialsFile a service-account file for production; empty means application-default credentials
 */
@Validated
@ConfigurationProperties("carecircle.firebase")
public record FirebaseProperties(
        @NotBlank String projectId, @NotBlank String apiKey, String authEmulatorHost, String credentialsFile) {

    public boolean emulator() {
        return authEmulatorHost != null && !authEmulatorHost.isBlank();
    }
}
