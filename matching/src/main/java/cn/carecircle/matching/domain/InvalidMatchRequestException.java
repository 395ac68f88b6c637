package cn.carecircle.matching.domain;

import java.util.Objects;

/**
 * Input that matching refuses: a field and the rule it broke. The api turns it into a 400 problem with
 * one field error ({@link #field()}, {@link #rule()}, {@link #getMessage()}).
 */
public class InvalidMatchRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    public InvalidMatchRequestException(String field, String rule, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The request field, as a dotted path (for example {@code elderLocation.latitude}). */
    public String field() {
        return field;
    }

    /** A stable rule code (for example {@code range}, {@code required}, {@code known-service}). */
    public String rule() {
        return rule;
    }

    /** The same error, reported under a parent field (for example {@code elderLocation}). */
    public InvalidMatchRequestException under(String parent) {
        return new InvalidMatchRequestException(parent + "." + field, rule, getMessage());
    }

    static InvalidMatchRequestException required(String field) {
        return new InvalidMatchRequestException(field, "required", field + " is required");
    }

    /** Throws a {@code required} error when the value is null. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw required(field);
        }
        return value;
    }
}
