package cn.carecircle.api.common;

import java.util.Objects;

/**
 * One broken rule on one field. {@code rejectedValue} is null when the value is personal data or absent.
 *
 * @param field JSON path of the field, e.g. {@code emergencyContact.phone}
 * @param rule a stable rule name, e.g. {@code required}, {@code mainland-mobile}
 */
public record FieldViolation(String field, String rule, String message, String rejectedValue) {

    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public static FieldViolation of(String field, String rule, String message) {
        return new FieldViolation(field, rule, message, null);
    }
}
