package cn.carecircle.api.providers;

import cn.carecircle.api.common.ServiceType;

/**
 * The credentials a provider may hold. Which services each qualifies for is the matching engine's rule (its
 * service types list the credentials they accept), so onboarding and matching can never disagree. A medical home
 * visit needs a practice licence and nothing less.
 */
public enum CredentialKind {
    /** 健康证. */
    HEALTH_CERTIFICATE,
    /** 养老护理员证. */
    CAREGIVER_CERTIFICATE,
    /** 执业证书 (doctor or nurse). */
    PRACTICE_LICENCE,
    /** 家政服务培训证书. */
    SERVICE_TRAINING,
    /** 志愿者注册. */
    VOLUNTEER_REGISTRATION;

    public boolean qualifiesFor(ServiceType service) {
        return cn.carecircle.matching.domain.ServiceType.valueOf(service.name())
                .acceptedCredentials()
                .contains(cn.carecircle.matching.domain.CredentialKind.valueOf(name()));
    }
}
