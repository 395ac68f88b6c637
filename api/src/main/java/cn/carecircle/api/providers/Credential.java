package cn.carecircle.api.providers;

import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record Credential(
        UUID id,
        ServiceType service,
        CredentialKind kind,
        String number,
        String issuer,
        LocalDate expiresOn,
        Verification verification,
        UUID decidedBy,
        Instant decidedAt,
        String note) {

    public enum Verification {
        PENDING,
        VERIFIED,
        REJECTED
    }

    /** A credential counts for matching only when verified and valid on the service date. */
    public boolean validOn(LocalDate date) {
        return verification == Verification.VERIFIED && !date.isAfter(expiresOn);
    }
}
