package cn.carecircle.payments;

import java.util.regex.Pattern;

/**
 * Validation shared by the command records and the adapters; failures are {@link
 * InvalidPaymentRequestException}s that name the field and never echo its value.
 */
public final class Checks {

    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z_\\-|*@]+");

    private Checks() {}

    public static String key(String field, String value, int minLength, int maxLength) {
        if (value == null || value.length() < minLength || value.length() > maxLength) {
            throw new InvalidPaymentRequestException(
                    field + " must be " + minLength + " to " + maxLength + " characters");
        }
        if (!KEY.matcher(value).matches()) {
            throw new InvalidPaymentRequestException(field + " may hold only letters, digits and _-|*@");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new InvalidPaymentRequestException(field + " must be 1 to " + maxLength + " characters");
        }
        return value;
    }

    public static String optionalText(String field, String value, int maxLength) {
        return value == null ? null : text(field, value, maxLength);
    }

    /** Amounts travel as JSON integers and WeChat Pay reads payment totals as 32-bit integers. */
    public static long fen(String field, long value) {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new InvalidPaymentRequestException(field + " must be between 1 and " + Integer.MAX_VALUE + " fen");
        }
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidPaymentRequestException(field + " is required");
        }
        return value;
    }
}
