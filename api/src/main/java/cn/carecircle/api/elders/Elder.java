package cn.carecircle.api.elders;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.ServiceType;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** An elder's full record, decrypted. Never logged: its {@code toString} names only the id. */
public record Elder(
        UUID id,
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
        EmergencyContact emergencyContact) {

    public record EmergencyContact(String name, String phone, String relationship) {
        @Override
        public String toString() {
            return "EmergencyContact[personal data]";
        }
    }

    @Override
    public String toString() {
        return "Elder[" + id + "]";
    }
}
