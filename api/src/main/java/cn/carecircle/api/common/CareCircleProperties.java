package cn.carecircle.api.common;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of CareCircle itself. The database and Redis addresses are read by {@link ConnectionEnvironment}
 * before the context starts; the rest binds here.
 *
 * @param crypto keys protecting personal data at rest (base64 of 32 random bytes each)
 * @param redis the key prefix every Redis key of this deployment starts with
 */
@Validated
@ConfigurationProperties("carecircle")
public record CareCircleProperties(Crypto crypto, Redis redis) {

    public record Crypto(@NotBlank String dataKey, @NotBlank String indexKey) {}

    public record Redis(
            @Pattern(regexp = "^[A-Za-z0-9:_-]*$") String keyPrefix) {
        public Redis {
            keyPrefix = keyPrefix == null ? "cc:" : keyPrefix;
        }
    }
}
