package cn.carecircle.api.providers;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.TravelMode;
import java.util.List;
import java.util.Set;
import java.util.UUID;

public record Provider(
        UUID id,
        UUID accountId,
        UUID communityId,
        ProviderKind kind,
        String displayName,
        String phone,
        Gender gender,
        Set<ServiceType> services,
        Set<Language> languages,
        TravelMode travelMode,
        GeoPoint homeBase,
        List<WorkingHours> workingHours,
        List<Credential> credentials,
        boolean suspended,
        String suspensionReason,
        UUID organisationId) {

    @Override
    public String toString() {
        return "Provider[" + id + "]";
    }
}
