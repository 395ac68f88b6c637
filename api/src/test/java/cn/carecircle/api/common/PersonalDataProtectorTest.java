package cn.carecircle.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalDataProtectorTest {

    private final PersonalDataProtector protector = new PersonalDataProtector(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
            "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    @Test
    void encryptionRoundTripsAndNeverRepeatsACiphertext() {
        String a = protector.encrypt("150802194603081220");
        String b = protector.encrypt("150802194603081220");
        assertThat(a).isNotEqualTo(b).doesNotContain("1508021946");
        assertThat(protector.decrypt(a)).isEqualTo("150802194603081220");
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        String sealed = protector.encrypt("13812345678");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> protector.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blindIndexesAreStablePerScopeAndDifferAcrossScopes() {
        assertThat(protector.blindIndex("elder-phone", "13812345678"))
                .isEqualTo(protector.blindIndex("elder-phone", "13812345678"))
                .isNotEqualTo(protector.blindIndex("provider-phone", "13812345678"))
                .hasSize(64);
    }

    @Test
    void theIndexKeyMustDifferFromTheDataKey() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new PersonalDataProtector(key, key.clone()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
