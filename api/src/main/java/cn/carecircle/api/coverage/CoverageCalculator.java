package cn.carecircle.api.coverage;

import cn.carecircle.api.common.Masking;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.eligibility.EligibilityCheck;
import cn.carecircle.matching.eligibility.EligibilityRules;
import cn.carecircle.matching.eligibility.Rule;
import cn.carecircle.matching.eligibility.Violation;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.WorkingHours;
import cn.carecircle.matching.travel.TravelTimeModel;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is covered, by the matching rules. A provider can serve an elder when, for one of the service's settlement
 * kinds the community allows and one window in the coming week (a shift of the provider's working hours, as long as
 * the service's shortest priced duration), the eligibility rules find nothing against them with the travel time
 * from their home base. The rules that do not depend on the elder are checked once per provider and gender
 * requirement; the travel time is then checked per elder by the same rules.
 */
final class CoverageCalculator {

    /** The week ahead whose shifts count. */
    static final int DAYS_AHEAD = 7;

    record ElderHome(UUID id, String name, GeoPoint home, Gender bathingPreference) {}

    /**
     * @param durationMinutes the shortest duration the community prices the service at (60 when it prices none)
     * @param settlements PAID, and TIME_BANK where the price list allows it
     */
    record Supply(
            ServiceType service, int durationMinutes, Set<SettlementKind> settlements, List<ProviderFacts> providers) {}

    record Gap(UUID elderId, String name, Double nearestMinutes, String nearestProviderId) {}

    record ServiceResult(ServiceType service, int elders, int covered, List<Gap> uncovered, Set<String> reaching) {}

    private final TravelTimeModel travelTime;
    private final int travelLimitMinutes;
    private final LocalDate today;

    CoverageCalculator(TravelTimeModel travelTime, int travelLimitMinutes, LocalDate today) {
        this.travelTime = travelTime;
        this.travelLimitMinutes = travelLimitMinutes;
        this.today = today;
    }

    ServiceResult compute(Supply supply, List<ElderHome> elders) {
        // per provider and gender requirement: one check the provider passes, travel aside (the witness)
        Map<ProviderFacts, Map<Optional<Gender>, EligibilityCheck>> witnesses = new LinkedHashMap<>();
        for (ProviderFacts f : supply.providers()) {
            Map<Optional<Gender>, EligibilityCheck> byGender = new HashMap<>();
            for (Optional<Gender> g : genderRequirements(supply.service())) {
                witness(f, supply, g.orElse(null)).ifPresent(check -> byGender.put(g, check));
            }
            if (!byGender.isEmpty()) {
                witnesses.put(f, byGender);
            }
        }
        int covered = 0;
        List<Gap> gaps = new ArrayList<>();
        Set<String> reaching = new java.util.HashSet<>();
        for (ElderHome elder : elders) {
            Optional<Gender> requirement = supply.service().genderPreferenceApplies()
                    ? Optional.ofNullable(elder.bathingPreference())
                    : Optional.empty();
            boolean isCovered = false;
            double nearest = Double.POSITIVE_INFINITY;
            String nearestId = null;
            for (var entry : witnesses.entrySet()) {
                EligibilityCheck check = entry.getValue().get(requirement);
                if (check == null) {
                    continue;
                }
                ProviderFacts f = entry.getKey();
                double minutes = travelTime.minutes(f.homeBase(), elder.home(), f.travelMode());
                List<Violation> violations = EligibilityRules.check(f, check, minutes);
                if (violations.isEmpty()) {
                    isCovered = true;
                    reaching.add(f.providerId());
                } else if (onlyTravel(violations) && minutes < nearest) {
                    nearest = minutes;
                    nearestId = f.providerId();
                }
            }
            if (isCovered) {
                covered++;
            } else {
                gaps.add(new Gap(
                        elder.id(),
                        elder.name(),
                        nearestId == null ? null : Math.round(nearest * 10.0) / 10.0,
                        nearestId));
            }
        }
        gaps.sort(Comparator.comparing(Gap::nearestMinutes, Comparator.nullsFirst(Comparator.reverseOrder()))
                .thenComparing(g -> Masking.name(g.name()))
                .thenComparing(Gap::elderId));
        return new ServiceResult(supply.service(), elders.size(), covered, gaps, reaching);
    }

    private static List<Optional<Gender>> genderRequirements(ServiceType service) {
        if (!service.genderPreferenceApplies()) {
            return List.of(Optional.empty());
        }
        List<Optional<Gender>> all = new ArrayList<>();
        all.add(Optional.empty());
        for (Gender g : Gender.values()) {
            all.add(Optional.of(g));
        }
        return all;
    }

    /** A check (settlement kind and window of the coming week) the provider passes apart from travel, if any. */
    private Optional<EligibilityCheck> witness(ProviderFacts f, Supply supply, Gender requiredGender) {
        for (TimeWindow window : windows(f.workingHours(), supply.durationMinutes())) {
            LocalDate day = window.start().atZone(f.workingHours().zone()).toLocalDate();
            for (SettlementKind settlement : SettlementKind.values()) {
                if (!supply.settlements().contains(settlement)) {
                    continue;
                }
                EligibilityCheck check = new EligibilityCheck(
                        supply.service(), day, window, true, settlement, requiredGender, travelLimitMinutes);
                if (EligibilityRules.check(f, check, 0.0).isEmpty()) {
                    return Optional.of(check);
                }
            }
        }
        return Optional.empty();
    }

    /** One window per shift of the coming week, starting with the shift and as long as the service. */
    private List<TimeWindow> windows(WorkingHours hours, int durationMinutes) {
        List<TimeWindow> windows = new ArrayList<>();
        for (int d = 0; d < DAYS_AHEAD; d++) {
            LocalDate day = today.plusDays(d);
            for (WorkingHours.Shift shift : hours.shifts().getOrDefault(day.getDayOfWeek(), List.of())) {
                windows.add(TimeWindow.of(
                        day.atTime(shift.from()).atZone(hours.zone()).toInstant(),
                        Duration.ofMinutes(durationMinutes)));
            }
        }
        return windows;
    }

    private static boolean onlyTravel(List<Violation> violations) {
        return violations.stream().allMatch(v -> v.rule() == Rule.WITHIN_TRAVEL_LIMIT);
    }
}
