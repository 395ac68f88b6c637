package cn.carecircle.matching.facts;

import cn.carecircle.matching.domain.CredentialKind;
import cn.carecircle.matching.domain.ServiceType;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A credential a provider holds for a service.
 *
 * @param service the service it qualifies for
 * @param kind what it is; the service must accept this kind
 * @param validFrom first day it is valid (inclusive)
 * @param validUntil last day it is valid (inclusive); null when it does not expire
 * @param verified whether a community worker has checked it
 */
public record Credential(
        ServiceType service, CredentialKind kind, LocalDate validFrom, LocalDate validUntil, boolean verified) {

    public Credential {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validFrom, "validFrom");
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("credential valid until " + validUntil + " before " + validFrom);
        }
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
    }

    /** Verified, of a kind the service accepts, and valid on the day. */
    public boolean qualifies(ServiceType forService, LocalDate day) {
        return service == forService
                && verified
                && forService.acceptedCredentials().contains(kind)
                && validOn(day);
    }
}
