package cn.carecircle.api.ratings;

import cn.carecircle.api.common.ServiceType;
import java.util.EnumSet;
import java.util.Set;

/** Optional tags of a rating: some fit every service, the others only their own. */
enum RatingTag {
    ON_TIME,
    LATE,
    FRIENDLY,
    RUDE,
    PROFESSIONAL,
    CARELESS,
    FOOD_WARM(ServiceType.MEAL),
    FOOD_COLD(ServiceType.MEAL),
    GENTLE(ServiceType.BATHING),
    ROUGH(ServiceType.BATHING),
    THOROUGH(ServiceType.CLEANING),
    NOT_CLEAN(ServiceType.CLEANING),
    CLEAR_ADVICE(ServiceType.MEDICAL_VISIT),
    UNCLEAR_ADVICE(ServiceType.MEDICAL_VISIT);

    private final Set<ServiceType> services;

    RatingTag() {
        this.services = EnumSet.allOf(ServiceType.class);
    }

    RatingTag(ServiceType service) {
        this.services = EnumSet.of(service);
    }

    boolean fits(ServiceType service) {
        return services.contains(service);
    }
}
