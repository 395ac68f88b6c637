package cn.carecircle.matching.domain;

/** Kinds of credential a provider may hold; which ones a service accepts is on {@link ServiceType}. */
public enum CredentialKind {
    /** 执业证书: a nurse's or doctor's practice licence. The only credential MEDICAL_VISIT accepts. */
    PRACTICE_LICENCE,
    /** 养老护理员证书: certified elder caregiver. */
    CAREGIVER_CERTIFICATE,
    /** 健康证: health certificate for handling food. */
    HEALTH_CERTIFICATE,
    /** A service organisation's training certificate for household services. */
    SERVICE_TRAINING,
    /** 志愿者注册: a registered volunteer of the community's team, for the non-professional services. */
    VOLUNTEER_REGISTRATION
}
