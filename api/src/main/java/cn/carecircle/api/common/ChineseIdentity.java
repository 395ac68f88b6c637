package cn.carecircle.api.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for the identity data of mainland China: 11-digit mobile numbers and 18-character resident identity
 * numbers (GB 11643-1999), whose last character is an ISO 7064 MOD 11-2 check digit and whose characters 7 to
 * 14 are the holder's birth date.
 */
public final class ChineseIdentity {

    private static final Pattern MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");
    private static final Pattern ID_SHAPE = Pattern.compile("^[1-9][0-9]{16}[0-9X]$");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private ChineseIdentity() {}

    public static boolean isMainlandMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }

    /** The 18-character form with an upper-case X, or the input unchanged if it has another shape. */
    public static String normaliseIdNumber(String idNumber) {
        return idNumber == null ? null : idNumber.trim().toUpperCase(java.util.Locale.ROOT);
    }

    public static boolean hasIdNumberShape(String idNumber) {
        return idNumber != null && ID_SHAPE.matcher(idNumber).matches();
    }

    public static char checkDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public static boolean hasValidCheckDigit(String idNumber) {
        return hasIdNumberShape(idNumber) && checkDigit(idNumber.substring(0, 17)) == idNumber.charAt(17);
    }

    /** The birth date written in an identity number, if it is a real date. */
    public static Optional<LocalDate> birthDateOf(String idNumber) {
        if (!hasIdNumberShape(idNumber)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(idNumber.substring(6, 10)),
                    Integer.parseInt(idNumber.substring(10, 12)),
                    Integer.parseInt(idNumber.substring(12, 14))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks an identity number field and, when a birth date is given, that they agree; adds what is wrong to
     * {@code violations}. The value itself never goes into a violation: it is personal data.
     */
    public static void checkIdNumber(Violations violations, String field, String idNumber, LocalDate birthDate) {
        if (idNumber == null || idNumber.isBlank()) {
            violations.add(FieldViolation.of(field, "required", "must not be empty"));
        } else if (!hasIdNumberShape(idNumber)) {
            violations.add(FieldViolation.of(
                    field, "gb11643-format", "must be 18 characters: 17 digits and a check digit (0-9 or X)"));
        } else if (!hasValidCheckDigit(idNumber)) {
            violations.add(FieldViolation.of(field, "gb11643-check-digit", "the check digit does not match"));
        } else {
            Optional<LocalDate> written = birthDateOf(idNumber);
            if (written.isEmpty()) {
                violations.add(FieldViolation.of(field, "gb11643-birth-date", "does not contain a valid birth date"));
            } else if (birthDate != null && !written.get().equals(birthDate)) {
                violations.add(FieldViolation.of(
                        field, "gb11643-birth-date-matches", "the birth date in the ID number differs from birthDate"));
            }
        }
    }

    public static void checkMobile(Violations violations, String field, String phone, boolean required) {
        if (phone == null || phone.isBlank()) {
            if (required) {
                violations.add(FieldViolation.of(field, "required", "must not be empty"));
            }
        } else if (!isMainlandMobile(phone)) {
            violations.add(FieldViolation.of(field, "mainland-mobile", "must be an 11-digit mainland mobile number"));
        }
    }
}
