package cn.carecircle.api.providers;

import cn.carecircle.api.common.ChineseIdentity;
import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.TravelMode;
import cn.carecircle.api.common.Violations;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A provider or volunteer onboarding themself; every rule checked before anything is stored. */
public record OnboardProviderCommand(
        ProviderKind kind,
        String displayName,
        String phone,
        Gender gender,
        UUID communityId,
        Set<ServiceType> services,
        Set<Language> languages,
        TravelMode travelMode,
        GeoPoint homeBase,
        List<WorkingHours> workingHours,
        List<CredentialInput> credentials) {

    public OnboardProviderCommand {
        services = services == null ? Set.of() : Set.copyOf(services);
        languages = languages == null || languages.isEmpty() ? Set.of(Language.MANDARIN) : Set.copyOf(languages);
        workingHours = workingHours == null ? List.of() : List.copyOf(workingHours);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        Violations v = new Violations();
        ChineseIdentity.checkMobile(v, "phone", phone, true);
        v.check(!services.isEmpty(), "services", "required", "must offer at least one service");
        for (int i = 0; i < workingHours.size(); i++) {
            WorkingHours h = workingHours.get(i);
            v.check(h.start().isBefore(h.end()), "workingHours[" + i + "].end", "after-start", "must be after start");
        }
        for (int i = 0; i < credentials.size(); i++) {
            checkCredential(v, "credentials[" + i + "]", credentials.get(i), services);
        }
        v.throwIfAny();
    }

    static void checkCredential(Violations v, String field, CredentialInput c, Set<ServiceType> offered) {
        v.check(offered.contains(c.service()), field + ".service", "offered", "must be one of the services offered");
        v.check(
                c.kind().qualifiesFor(c.service()),
                field + ".kind",
                "qualifies-for-service",
                c.service() == ServiceType.MEDICAL_VISIT
                        ? "a medical home visit needs a PRACTICE_LICENCE"
                        : c.kind() + " does not qualify for " + c.service());
    }

    @Override
    public String toString() {
        return "OnboardProviderCommand[kind=" + kind + "]";
    }
}
