package cn.carecircle.api.providers;

import cn.carecircle.api.common.ServiceType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The credentials a provider may hold and the services each qualifies for. A medical home visit needs a practice
 * licence and nothing less.
 */
public enum CredentialKind {
    /** 健康证. */
    HEALTH_CERTIFICATE(EnumSet.of(ServiceType.MEAL, ServiceType.CLEANING)),
    /** 养老护理员证. */
    CAREGIVER_CERTIFICATE(EnumSet.of(ServiceType.BATHING, ServiceType.CLEANING)),
    /** 执业证书 (doctor or nurse). */
    PRACTICE_LICENCE(EnumSet.of(ServiceType.MEDICAL_VISIT)),
    /** 志愿者注册. */
    VOLUNTEER_REGISTRATION(EnumSet.of(ServiceType.MEAL, ServiceType.CLEANING));

    private final Set<ServiceType> qualifies;

    CredentialKind(Set<ServiceType> qualifies) {
        this.qualifies = qualifies;
    }

    public boolean qualifiesFor(ServiceType service) {
        return qualifies.contains(service);
    }
}
