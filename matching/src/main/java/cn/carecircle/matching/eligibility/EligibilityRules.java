package cn.carecircle.matching.eligibility;

import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.facts.Credential;
import cn.carecircle.matching.facts.ProviderFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks one provider against every rule and names each rule that fails; it never stops at the first,
 * so the dispatch board shows all reasons at once.
 */
public final class EligibilityRules {

    private EligibilityRules() {}

    /**
     * @param travelMinutes the estimated travel time to the elder, from the live position or the home
     *     base
     * @return the failed rules, empty when eligible
     */
    public static List<Violation> check(ProviderFacts provider, EligibilityCheck check, double travelMinutes) {
        List<Violation> violations = new ArrayList<>();
        if (!provider.services().contains(check.service())) {
            violations.add(new Violation(Rule.OFFERS_SERVICE, "does not offer " + check.service()));
        }
        credential(provider, check).ifPresent(violations::add);
        if (provider.suspended()) {
            violations.add(new Violation(Rule.NOT_SUSPENDED, "suspended"));
        }
        List<TimeWindow> clashes = provider.busy().stream()
                .filter(busy -> busy.overlaps(check.window()))
                .toList();
        if (!clashes.isEmpty()) {
            violations.add(new Violation(
                    Rule.FREE_IN_WINDOW,
                    "already busy "
                            + clashes.stream()
                                    .map(w -> w.start() + ".." + w.end())
                                    .collect(Collectors.joining(", "))));
        }
        if (check.requiredGender() != null
                && check.service().genderPreferenceApplies()
                && provider.gender() != check.requiredGender()) {
            violations.add(new Violation(
                    Rule.GENDER_REQUIREMENT,
                    "elder requires " + check.requiredGender() + ", provider is " + provider.gender()));
        }
        switch (check.settlement()) {
            case PAID -> {
                if (provider.volunteer()) {
                    violations.add(new Violation(Rule.SETTLEMENT_KIND, "a volunteer serves time-bank orders only"));
                }
            }
            case TIME_BANK -> {
                if (!provider.volunteer()) {
                    violations.add(new Violation(Rule.SETTLEMENT_KIND, "a paid provider serves paid orders only"));
                }
            }
        }
        if (!(travelMinutes <= check.travelLimitMinutes())) {
            violations.add(new Violation(
                    Rule.WITHIN_TRAVEL_LIMIT,
                    String.format(
                            Locale.ROOT,
                            "%.1f min by %s, limit %.0f min",
                            travelMinutes,
                            provider.travelMode(),
                            check.travelLimitMinutes())));
        }
        if (check.scheduled() && !provider.workingHours().covers(check.window())) {
            violations.add(new Violation(Rule.WITHIN_WORKING_HOURS, "window outside the provider's working hours"));
        }
        return violations;
    }

    private static Optional<Violation> credential(ProviderFacts provider, EligibilityCheck check) {
        List<Credential> forService = provider.credentials().stream()
                .filter(c -> c.service() == check.service())
                .toList();
        if (forService.stream().anyMatch(c -> c.qualifies(check.service(), check.serviceDay()))) {
            return Optional.empty();
        }
        String detail;
        if (forService.isEmpty()) {
            detail = "no credential for " + check.service();
        } else {
            detail = forService.stream().map(c -> c.kind() + reason(c, check)).collect(Collectors.joining("; "));
        }
        return Optional.of(new Violation(Rule.VERIFIED_CREDENTIAL, detail));
    }

    private static String reason(Credential c, EligibilityCheck check) {
        if (!check.service().acceptedCredentials().contains(c.kind())) {
            return " is not accepted for " + check.service() + " (needs one of "
                    + check.service().acceptedCredentials() + ")";
        }
        if (!c.verified()) {
            return " not verified";
        }
        if (check.serviceDay().isBefore(c.validFrom())) {
            return " valid only from " + c.validFrom();
        }
        return " expired on " + c.validUntil();
    }
}
