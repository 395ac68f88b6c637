package cn.carecircle.matching.eligibility;

import static cn.carecircle.matching.ProviderFactsBuilder.provider;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.matching.domain.CredentialKind;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.facts.Credential;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EligibilityRulesTest {

    // 10:00-11:00 in Beijing on Monday 2026-11-23
    static final Instant START = Instant.parse("2026-11-23T02:00:00Z");
    static final TimeWindow WINDOW = TimeWindow.of(START, Duration.ofHours(1));
    static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    static EligibilityCheck check(ServiceType service) {
        return new EligibilityCheck(service, DAY, WINDOW, false, SettlementKind.PAID, null, 15);
    }

    static List<Rule> failed(ProviderFacts p, EligibilityCheck check, double minutes) {
        return EligibilityRules.check(p, check, minutes).stream()
                .map(Violation::rule)
                .toList();
    }

    @Test
    void aProviderMeetingEveryRuleIsEligible() {
        assertThat(EligibilityRules.check(provider("p").build(), check(ServiceType.BATHING), 10))
                .isEmpty();
    }

    @Test
    void aProviderWhoDoesNotOfferTheServiceIsIneligible() {
        ProviderFacts p = provider("p").services(ServiceType.MEAL).build();
        assertThat(failed(p, check(ServiceType.CLEANING), 5)).containsExactly(Rule.OFFERS_SERVICE);
    }

    @Test
    void aMedicalVisitNeedsAPracticeLicenceAndACaregiverCertificateIsNotEnough() {
        ProviderFacts nurse = provider("nurse").build();
        ProviderFacts caregiver = provider("caregiver")
                .credentials(new Credential(
                        ServiceType.MEDICAL_VISIT,
                        CredentialKind.CAREGIVER_CERTIFICATE,
                        LocalDate.of(2025, 1, 1),
                        null,
                        true))
                .build();

        assertThat(failed(nurse, check(ServiceType.MEDICAL_VISIT), 5)).isEmpty();
        assertThat(EligibilityRules.check(caregiver, check(ServiceType.MEDICAL_VISIT), 5))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(Rule.VERIFIED_CREDENTIAL);
                    assertThat(v.detail()).contains("CAREGIVER_CERTIFICATE is not accepted");
                    assertThat(v.hard()).isTrue();
                });
    }

    @Test
    void anUnverifiedCredentialDoesNotCount() {
        ProviderFacts p = provider("p")
                .credential(ServiceType.BATHING, CredentialKind.CAREGIVER_CERTIFICATE, null, false)
                .build();
        assertThat(EligibilityRules.check(p, check(ServiceType.BATHING), 5))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("not verified"));
    }

    @Test
    void aCredentialExpiredBeforeTheServiceDayDoesNotCountButOneExpiringThatDayDoes() {
        ProviderFacts expired = provider("p")
                .credential(ServiceType.BATHING, CredentialKind.CAREGIVER_CERTIFICATE, DAY.minusDays(1), true)
                .build();
        ProviderFacts lastDay = provider("q")
                .credential(ServiceType.BATHING, CredentialKind.CAREGIVER_CERTIFICATE, DAY, true)
                .build();

        assertThat(EligibilityRules.check(expired, check(ServiceType.BATHING), 5))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("expired on 2026-11-22"));
        assertThat(failed(lastDay, check(ServiceType.BATHING), 5)).isEmpty();
    }

    @Test
    void aCredentialNotYetValidOnTheServiceDayDoesNotCount() {
        ProviderFacts p = provider("p")
                .credentials(new Credential(
                        ServiceType.MEAL, CredentialKind.HEALTH_CERTIFICATE, DAY.plusDays(1), null, true))
                .build();
        assertThat(failed(p, check(ServiceType.MEAL), 5)).containsExactly(Rule.VERIFIED_CREDENTIAL);
    }

    @Test
    void aCredentialForAnotherServiceDoesNotCount() {
        ProviderFacts p = provider("p")
                .credentials(new Credential(ServiceType.MEAL, CredentialKind.HEALTH_CERTIFICATE, DAY, null, true))
                .build();
        assertThat(EligibilityRules.check(p, check(ServiceType.CLEANING), 5))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).isEqualTo("no credential for CLEANING"));
    }

    @Test
    void aSuspendedProviderIsIneligible() {
        assertThat(failed(provider("p").suspended().build(), check(ServiceType.MEAL), 5))
                .containsExactly(Rule.NOT_SUSPENDED);
    }

    @Test
    void anOverlappingJobMakesAProviderIneligibleButAJobEndingAtTheStartDoesNot() {
        ProviderFacts overlapping = provider("p")
                .busy(TimeWindow.of(START.minusSeconds(1800), Duration.ofMinutes(31)))
                .build();
        ProviderFacts touching = provider("q")
                .busy(TimeWindow.of(START.minusSeconds(1800), Duration.ofMinutes(30)))
                .build();

        assertThat(failed(overlapping, check(ServiceType.MEAL), 5)).containsExactly(Rule.FREE_IN_WINDOW);
        assertThat(failed(touching, check(ServiceType.MEAL), 5)).isEmpty();
    }

    @Test
    void theElderGenderRequirementBindsBathing() {
        EligibilityCheck bathingForAWoman =
                new EligibilityCheck(ServiceType.BATHING, DAY, WINDOW, false, SettlementKind.PAID, Gender.FEMALE, 15);
        assertThat(failed(provider("m").gender(Gender.MALE).build(), bathingForAWoman, 5))
                .containsExactly(Rule.GENDER_REQUIREMENT);
        assertThat(failed(provider("f").gender(Gender.FEMALE).build(), bathingForAWoman, 5))
                .isEmpty();
    }

    @Test
    void theGenderRequirementDoesNotApplyToServicesWithoutIt() {
        EligibilityCheck meal =
                new EligibilityCheck(ServiceType.MEAL, DAY, WINDOW, false, SettlementKind.PAID, Gender.FEMALE, 15);
        assertThat(failed(provider("m").gender(Gender.MALE).build(), meal, 5)).isEmpty();
    }

    @Test
    void volunteersServeTimeBankOrdersOnlyAndPaidProvidersPaidOrdersOnly() {
        EligibilityCheck timeBank =
                new EligibilityCheck(ServiceType.CLEANING, DAY, WINDOW, false, SettlementKind.TIME_BANK, null, 15);
        ProviderFacts volunteer = provider("v").volunteer().build();
        ProviderFacts paid = provider("p").build();

        assertThat(failed(volunteer, timeBank, 5)).isEmpty();
        assertThat(failed(paid, timeBank, 5)).containsExactly(Rule.SETTLEMENT_KIND);
        assertThat(failed(volunteer, check(ServiceType.CLEANING), 5)).containsExactly(Rule.SETTLEMENT_KIND);
    }

    @Test
    void aProviderBeyondTheTravelLimitIsIneligibleButExactlyAtItIsNot() {
        assertThat(failed(provider("p").build(), check(ServiceType.MEAL), 15)).isEmpty();
        assertThat(EligibilityRules.check(provider("p").build(), check(ServiceType.MEAL), 15.01))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(Rule.WITHIN_TRAVEL_LIMIT);
                    assertThat(v.hard()).isFalse();
                    assertThat(v.detail()).isEqualTo("15.0 min by WALK, limit 15 min");
                });
    }

    @Test
    void aScheduledWindowOutsideWorkingHoursIsIneligibleAndANowOrderIgnoresThem() {
        // 10:00-11:00 Beijing time, but the provider works 13:00-18:00
        ProviderFacts p = provider("p")
                .hours(WorkingHours.everyDay(WorkingHours.CHINA, LocalTime.of(13, 0), LocalTime.of(18, 0)))
                .build();
        EligibilityCheck scheduled =
                new EligibilityCheck(ServiceType.MEAL, DAY, WINDOW, true, SettlementKind.PAID, null, 15);

        assertThat(failed(p, scheduled, 5)).containsExactly(Rule.WITHIN_WORKING_HOURS);
        assertThat(failed(p, check(ServiceType.MEAL), 5)).isEmpty();
    }

    @Test
    void everyFailedRuleIsNamedNotJustTheFirst() {
        ProviderFacts p = provider("p")
                .services(ServiceType.MEAL)
                .suspended()
                .volunteer()
                .busy(WINDOW)
                .build();
        assertThat(failed(p, check(ServiceType.BATHING), 30))
                .containsExactly(
                        Rule.OFFERS_SERVICE,
                        Rule.NOT_SUSPENDED,
                        Rule.FREE_IN_WINDOW,
                        Rule.SETTLEMENT_KIND,
                        Rule.WITHIN_TRAVEL_LIMIT);
    }

    @Test
    void onlyTravelLimitAndWorkingHoursMayBeOverridden() {
        assertThat(List.of(Rule.values()).stream().filter(r -> !r.hard()))
                .containsExactlyInAnyOrder(Rule.WITHIN_TRAVEL_LIMIT, Rule.WITHIN_WORKING_HOURS);
    }
}
