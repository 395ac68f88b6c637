package cn.carecircle.api.common;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of a command, so the caller learns all of them in one response. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations check(boolean ok, String field, String rule, String message) {
        if (!ok) {
            found.add(FieldViolation.of(field, rule, message));
        }
        return this;
    }

    public Violations add(FieldViolation violation) {
        found.add(violation);
        return this;
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED,
                    found.size() == 1 ? "1 field is invalid" : found.size() + " fields are invalid",
                    found);
        }
    }
}
