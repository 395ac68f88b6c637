package cn.carecircle.api.elders;

import cn.carecircle.api.common.ChineseIdentity;
import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Violations;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** A new elder's profile; checks every rule a Chinese user would expect before anything is stored. */
public record CreateElderCommand(
        UUID communityId,
        String name,
        Gender gender,
        LocalDate birthDate,
        String idNumber,
        String phone,
        String address,
        GeoPoint location,
        MobilityLevel mobilityLevel,
        Set<ServiceType> needs,
        Set<Language> languages,
        Gender bathingGenderPreference,
        boolean specialDifficulty,
        boolean subsidyEligible,
        Elder.EmergencyContact emergencyContact,
        String relationship,
        ConsentBy consentBy) {

    /** Whose consent a binding of the elder to a family rests on. */
    public enum ConsentBy {
        ELDER,
        GUARDIAN
    }

    public CreateElderCommand {
        idNumber = ChineseIdentity.normaliseIdNumber(idNumber);
        name = name == null ? null : name.trim();
        Violations v = new Violations();
        ChineseIdentity.checkIdNumber(v, "idNumber", idNumber, birthDate);
        ChineseIdentity.checkMobile(v, "phone", phone, false);
        if (emergencyContact != null) {
            ChineseIdentity.checkMobile(v, "emergencyContact.phone", emergencyContact.phone(), true);
        }
        v.check(
                name == null || name.codePointCount(0, name.length()) >= 2,
                "name",
                "size",
                "must have at least 2 characters");
        v.throwIfAny();
        needs = needs == null ? Set.of() : Set.copyOf(needs);
        languages = languages == null || languages.isEmpty() ? Set.of(Language.MANDARIN) : Set.copyOf(languages);
    }

    @Override
    public String toString() {
        return "CreateElderCommand[community=" + communityId + "]";
    }
}
