package cn.carecircle.api.common;

import java.util.List;

/**
 * A failure that becomes a problem response. The detail is shown to the caller, so it never carries personal
 * data; stack traces are not filled in, since these are expected outcomes, not bugs.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient List<FieldViolation> violations;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException illegalState(String detail) {
        return new ApiException(ProblemType.ILLEGAL_STATE, detail);
    }

    public static ApiException invalid(FieldViolation violation) {
        return new ApiException(ProblemType.VALIDATION_FAILED, "1 field is invalid", List.of(violation));
    }
}
