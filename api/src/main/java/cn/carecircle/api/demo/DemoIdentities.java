package cn.carecircle.api.demo;

import cn.carecircle.api.common.ChineseIdentity;
import cn.carecircle.api.common.Gender;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Made-up but well-formed identity data for the demo district: mobile numbers on real carrier prefixes and
 * resident identity numbers that pass every GB 11643 check the api applies. Each value is handed out once.
 */
final class DemoIdentities {

    /** Prefixes of the three carriers in use in Inner Mongolia, so the numbers look like the ones people have. */
    private static final String[] MOBILE_PREFIXES = {
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153",
        "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "184",
        "185", "186", "187", "188", "189", "191", "198", "199"
    };

    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

    private final RandomGenerator random;
    private final Set<String> phones = new HashSet<>();
    private final Set<String> idNumbers = new HashSet<>();

    DemoIdentities(RandomGenerator random) {
        this.random = random;
    }

    String mobile() {
        while (true) {
            String prefix = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)];
            String phone = prefix + String.format("%08d", random.nextInt(100_000_000));
            if (phones.add(phone)) {
                return phone;
            }
        }
    }

    /**
     * An identity number issued in {@code regionCode}: the sequence's last digit is odd for men and even for
     * women, as GB 11643 has it, and the check digit is computed.
     */
    String idNumber(String regionCode, LocalDate birthDate, Gender gender) {
        while (true) {
            int sequence = random.nextInt(500) * 2 + (gender == Gender.MALE ? 1 : 0);
            String first17 = regionCode + birthDate.format(YMD) + String.format("%03d", sequence);
            String id = first17 + ChineseIdentity.checkDigit(first17);
            if (idNumbers.add(id)) {
                return id;
            }
        }
    }
}
