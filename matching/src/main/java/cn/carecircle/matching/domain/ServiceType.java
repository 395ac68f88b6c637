package cn.carecircle.matching.domain;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The services matching places. Everything a rule needs to know about a service is an attribute here,
 * so adding a service (助急, 助行 ...) is one more constant, not a change to the rules.
 */
public enum ServiceType {
    /** 助餐: meal delivered from a community canteen or cooked at home. */
    MEAL("助餐", Set.of(CredentialKind.HEALTH_CERTIFICATE, CredentialKind.VOLUNTEER_REGISTRATION), false),
    /** 助浴: needs a certified caregiver; the elder may ask for the same gender. */
    BATHING("助浴", Set.of(CredentialKind.CAREGIVER_CERTIFICATE, CredentialKind.PRACTICE_LICENCE), true),
    /** 助洁: household cleaning. */
    CLEANING(
            "助洁",
            Set.of(
                    CredentialKind.SERVICE_TRAINING,
                    CredentialKind.CAREGIVER_CERTIFICATE,
                    CredentialKind.HEALTH_CERTIFICATE,
                    CredentialKind.VOLUNTEER_REGISTRATION),
            false),
    /** 助医: home visit by a nurse or doctor; a practice licence and never anything less. */
    MEDICAL_VISIT("助医", Set.of(CredentialKind.PRACTICE_LICENCE), false);

    private final String label;
    private final Set<CredentialKind> acceptedCredentials;
    private final boolean genderPreferenceApplies;

    ServiceType(String label, Set<CredentialKind> acceptedCredentials, boolean genderPreferenceApplies) {
        this.label = label;
        this.acceptedCredentials = acceptedCredentials;
        this.genderPreferenceApplies = genderPreferenceApplies;
    }

    /** The Chinese name shown to workers. */
    public String label() {
        return label;
    }

    /** Credential kinds that qualify a provider for this service. */
    public Set<CredentialKind> acceptedCredentials() {
        return acceptedCredentials;
    }

    /** Whether the elder's gender requirement is a hard rule for this service. */
    public boolean genderPreferenceApplies() {
        return genderPreferenceApplies;
    }

    /**
     * Parses a service code as the api receives it.
     *
     * @throws InvalidMatchRequestException for a blank or unknown code
     */
    public static ServiceType parse(String code) {
        if (code == null || code.isBlank()) {
            throw InvalidMatchRequestException.required("service");
        }
        for (ServiceType type : values()) {
            if (type.name().equals(code.trim())) {
                return type;
            }
        }
        throw new InvalidMatchRequestException(
                "service",
                "known-service",
                "unknown service '" + code + "', expected one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
