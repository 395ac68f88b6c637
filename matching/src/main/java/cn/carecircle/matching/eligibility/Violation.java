package cn.carecircle.matching.eligibility;

import java.util.Objects;

/**
 * A rule a provider fails, with the specifics (for example "credential PRACTICE_LICENCE expired on
 * 2026-10-31").
 */
public record Violation(Rule rule, String detail) {

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean hard() {
        return rule.hard();
    }
}
