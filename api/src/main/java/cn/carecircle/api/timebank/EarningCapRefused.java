package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ProblemType;
import java.util.List;
import java.util.UUID;

/**
 * An earning cap refused minutes to a volunteer: the 422 problem naming the cap, and what the workers' signals
 * record of it (references only).
 */
final class EarningCapRefused extends ApiException {

    private static final long serialVersionUID = 1L;

    private final UUID communityId;
    private final UUID accountId;
    private final String rule;
    private final long minutes;
    private final UUID referenceId;

    EarningCapRefused(
            String rule,
            String detail,
            String message,
            UUID communityId,
            UUID accountId,
            long minutes,
            UUID referenceId) {
        super(ProblemType.UNPROCESSABLE, detail, List.of(FieldViolation.of("minutes", rule, message)));
        this.communityId = communityId;
        this.accountId = accountId;
        this.rule = rule;
        this.minutes = minutes;
        this.referenceId = referenceId;
    }

    UUID communityId() {
        return communityId;
    }

    /** The volunteer's time-bank account. */
    UUID accountId() {
        return accountId;
    }

    String rule() {
        return rule;
    }

    long minutes() {
        return minutes;
    }

    UUID referenceId() {
        return referenceId;
    }
}
