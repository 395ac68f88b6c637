package cn.carecircle.matching;

import static cn.carecircle.matching.Fixtures.LINHE;
import static cn.carecircle.matching.Fixtures.LINHE_CENTRE;
import static cn.carecircle.matching.Fixtures.offset;
import static cn.carecircle.matching.ProviderFactsBuilder.provider;
import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.eligibility.Rule;
import cn.carecircle.matching.eligibility.Violation;
import cn.carecircle.matching.facts.ElderVisit;
import cn.carecircle.matching.facts.InMemoryProviderFactsSource;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.WorkingHours;
import cn.carecircle.matching.index.Heartbeat;
import cn.carecircle.matching.index.InMemoryCandidateIndex;
import cn.carecircle.matching.ranking.Component;
import cn.carecircle.matching.ranking.Ranker;
import cn.carecircle.matching.travel.GreatCircleTravelTimeModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class MatchingEngineTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z"); // 10:00 in Bayannur
    static final TimeWindow NEXT_HOUR = TimeWindow.of(NOW, Duration.ofHours(1));

    final GreatCircleTravelTimeModel travel = new GreatCircleTravelTimeModel();
    MutableClock clock;
    InMemoryCandidateIndex index;
    InMemoryProviderFactsSource facts;
    MatchingEngine engine;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        index = new InMemoryCandidateIndex(travel, clock);
        facts = new InMemoryProviderFactsSource();
        engine = new MatchingEngine(index, facts, travel, new Ranker(), clock, WorkingHours.CHINA);
    }

    void online(ProviderFacts f, GeoPoint at, ServiceType... services) {
        facts.put(LINHE, f);
        index.heartbeats(List.of(new Heartbeat(f.providerId(), LINHE, Set.of(services), f.travelMode(), at)))
                .block();
    }

    static MatchRequest now(ServiceType service, Requirements requirements, List<ElderVisit> visits) {
        return new MatchRequest(
                LINHE, LINHE_CENTRE, 15, service, Timing.NOW, NEXT_HOUR, SettlementKind.PAID, requirements, visits);
    }

    @Test
    void aNowOrderRanksTheEligibleOnlineProvidersAndExplainsTheOthers() {
        online(provider("near").build(), offset(LINHE_CENTRE, 100, 0), ServiceType.CLEANING);
        online(provider("farther").build(), offset(LINHE_CENTRE, 600, 90), ServiceType.CLEANING);
        online(provider("suspended").suspended().build(), offset(LINHE_CENTRE, 50, 0), ServiceType.CLEANING);
        online(provider("too-far").build(), offset(LINHE_CENTRE, 5_000, 0), ServiceType.CLEANING);

        engine.match(now(ServiceType.CLEANING, Requirements.NONE, List.of()))
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.eligible())
                            .extracting(RankedCandidate::providerId)
                            .containsExactly("near", "farther");
                    assertThat(result.eligible().get(0).from()).isEqualTo(RankedCandidate.Origin.LIVE_POSITION);
                    assertThat(result.ineligible()).singleElement().satisfies(i -> {
                        assertThat(i.providerId()).isEqualTo("suspended");
                        assertThat(i.violations()).extracting(Violation::rule).containsExactly(Rule.NOT_SUSPENDED);
                    });
                    assertThat(result.pairs()).isEmpty();
                    assertThat(result.evaluatedAt()).isEqualTo(NOW);
                })
                .verifyComplete();
    }

    @Test
    void anOnlineProviderWithoutFactsIsReportedNotOffered() {
        index.heartbeats(
                        List.of(new Heartbeat("ghost", LINHE, Set.of(ServiceType.MEAL), TravelMode.WALK, LINHE_CENTRE)))
                .block();

        engine.match(now(ServiceType.MEAL, Requirements.NONE, List.of()))
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.eligible()).isEmpty();
                    assertThat(result.ineligible().get(0).violations().get(0).rule())
                            .isEqualTo(Rule.PROVIDER_KNOWN);
                })
                .verifyComplete();
    }

    @Test
    void continuityAndRatingCanOutrankASlightlyShorterTrip() {
        online(provider("stranger").build(), offset(LINHE_CENTRE, 200, 0), ServiceType.BATHING);
        online(
                provider("familiar").rating(ServiceType.BATHING, 40, 40).build(),
                offset(LINHE_CENTRE, 300, 0),
                ServiceType.BATHING);
        LocalDate d = LocalDate.of(2026, 11, 2);
        List<ElderVisit> visits = List.of(
                new ElderVisit("familiar", d, ElderVisit.VisitRating.GOOD),
                new ElderVisit("familiar", d.plusDays(7), ElderVisit.VisitRating.GOOD));

        engine.match(now(ServiceType.BATHING, Requirements.NONE, visits))
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.eligible())
                            .extracting(RankedCandidate::providerId)
                            .containsExactly("familiar", "stranger");
                    assertThat(result.eligible()
                                    .get(0)
                                    .score()
                                    .component(Component.CONTINUITY)
                                    .value())
                            .isPositive();
                })
                .verifyComplete();
    }

    @Test
    void aTwoCaregiverBathingOrderProposesPairsOfTwoDifferentProvidersOfTheRequiredGender() {
        online(provider("f1").gender(Gender.FEMALE).build(), offset(LINHE_CENTRE, 100, 0), ServiceType.BATHING);
        online(provider("f2").gender(Gender.FEMALE).build(), offset(LINHE_CENTRE, 200, 0), ServiceType.BATHING);
        online(provider("f3").gender(Gender.FEMALE).build(), offset(LINHE_CENTRE, 300, 0), ServiceType.BATHING);
        online(provider("m1").gender(Gender.MALE).build(), offset(LINHE_CENTRE, 50, 0), ServiceType.BATHING);

        engine.match(now(ServiceType.BATHING, new Requirements(Gender.FEMALE, 2, null), List.of()))
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.pairs()).hasSize(3);
                    assertThat(result.pairs()).allSatisfy(p -> {
                        assertThat(p.first().providerId())
                                .isNotEqualTo(p.second().providerId());
                        assertThat(List.of(p.first().providerId(), p.second().providerId()))
                                .noneMatch("m1"::equals);
                    });
                    assertThat(result.pairs().get(0).first().providerId()).isEqualTo("f1");
                    assertThat(result.pairs().get(0).second().providerId()).isEqualTo("f2");
                    assertThat(result.ineligible())
                            .extracting(IneligibleCandidate::providerId)
                            .containsExactly("m1");
                })
                .verifyComplete();
    }

    @Test
    void aTwoCaregiverOrderWithOneEligibleProviderHasNoPair() {
        online(provider("only").build(), LINHE_CENTRE, ServiceType.BATHING);

        engine.match(now(ServiceType.BATHING, new Requirements(null, 2, null), List.of()))
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.eligible()).hasSize(1);
                    assertThat(result.pairs()).isEmpty();
                })
                .verifyComplete();
    }

    @Test
    void aScheduledOrderUsesTheHomeBaseAndWorkingHoursNotTheLivePosition() {
        // online far away right now, but lives next door and works mornings
        ProviderFacts morning = provider("morning")
                .homeBase(offset(LINHE_CENTRE, 300, 0))
                .hours(WorkingHours.everyDay(WorkingHours.CHINA, LocalTime.of(8, 0), LocalTime.of(12, 0)))
                .build();
        online(morning, offset(LINHE_CENTRE, 20_000, 0), ServiceType.MEAL);
        facts.put(
                LINHE,
                provider("evening")
                        .hours(WorkingHours.everyDay(WorkingHours.CHINA, LocalTime.of(17, 0), LocalTime.of(21, 0)))
                        .build());
        facts.put(
                LINHE,
                provider("lives-far").homeBase(offset(LINHE_CENTRE, 9_000, 0)).build());
        TimeWindow tomorrowMorning = TimeWindow.of(Instant.parse("2026-11-24T01:00:00Z"), Duration.ofHours(1));
        MatchRequest scheduled = new MatchRequest(
                LINHE,
                LINHE_CENTRE,
                15,
                ServiceType.MEAL,
                Timing.SCHEDULED,
                tomorrowMorning,
                SettlementKind.PAID,
                null,
                null);

        engine.match(scheduled)
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.eligible()).singleElement().satisfies(c -> {
                        assertThat(c.providerId()).isEqualTo("morning");
                        assertThat(c.from()).isEqualTo(RankedCandidate.Origin.HOME_BASE);
                    });
                    assertThat(result.ineligible())
                            .extracting(i ->
                                    i.providerId() + ":" + i.violations().get(0).rule())
                            .containsExactlyInAnyOrder("evening:WITHIN_WORKING_HOURS", "lives-far:WITHIN_TRAVEL_LIMIT");
                })
                .verifyComplete();
    }

    @Test
    void aManualOverrideMayBreakTheTravelLimitButNeverAHardRule() {
        online(provider("far").build(), offset(LINHE_CENTRE, 5_000, 0), ServiceType.BATHING);
        online(provider("man").gender(Gender.MALE).build(), LINHE_CENTRE, ServiceType.BATHING);
        MatchRequest request = now(ServiceType.BATHING, new Requirements(Gender.FEMALE, 2, null), List.of());

        engine.evaluateOverride(request, "far", Set.of())
                .as(StepVerifier::create)
                .assertNext(e -> {
                    assertThat(e.allowed()).isTrue();
                    assertThat(e.needsReason()).isTrue();
                    assertThat(e.softViolations())
                            .extracting(Violation::rule)
                            .containsExactly(Rule.WITHIN_TRAVEL_LIMIT);
                    assertThat(e.from()).isEqualTo(RankedCandidate.Origin.LIVE_POSITION);
                    assertThat(e.score()).isNotNull();
                })
                .verifyComplete();
        engine.evaluateOverride(request, "man", Set.of())
                .as(StepVerifier::create)
                .assertNext(e -> {
                    assertThat(e.allowed()).isFalse();
                    assertThat(e.hardViolations()).extracting(Violation::rule).containsExactly(Rule.GENDER_REQUIREMENT);
                })
                .verifyComplete();
        engine.evaluateOverride(request, "far", Set.of("far"))
                .as(StepVerifier::create)
                .assertNext(e -> assertThat(e.hardViolations())
                        .extracting(Violation::rule)
                        .containsExactly(Rule.DISTINCT_CAREGIVERS))
                .verifyComplete();
    }

    @Test
    void aManualOverrideOfAnOfflineProviderMeasuresFromTheHomeBase() {
        facts.put(
                LINHE,
                provider("offline").homeBase(offset(LINHE_CENTRE, 200, 0)).build());

        engine.evaluateOverride(now(ServiceType.MEAL, Requirements.NONE, List.of()), "offline", Set.of())
                .as(StepVerifier::create)
                .assertNext(e -> {
                    assertThat(e.allowed()).isTrue();
                    assertThat(e.needsReason()).isFalse();
                    assertThat(e.from()).isEqualTo(RankedCandidate.Origin.HOME_BASE);
                })
                .verifyComplete();
        engine.evaluateOverride(now(ServiceType.MEAL, Requirements.NONE, List.of()), "unknown", Set.of())
                .as(StepVerifier::create)
                .assertNext(e -> assertThat(e.hardViolations())
                        .extracting(Violation::rule)
                        .containsExactly(Rule.PROVIDER_KNOWN))
                .verifyComplete();
    }

    @Test
    void aTimeBankOrderGoesToVolunteersOnly() {
        online(
                provider("volunteer").volunteer().languages(Language.MONGOLIAN).build(),
                LINHE_CENTRE,
                ServiceType.CLEANING);
        online(provider("paid").build(), LINHE_CENTRE, ServiceType.CLEANING);
        MatchRequest timeBank = new MatchRequest(
                LINHE,
                LINHE_CENTRE,
                15,
                ServiceType.CLEANING,
                Timing.NOW,
                NEXT_HOUR,
                SettlementKind.TIME_BANK,
                null,
                null);

        engine.match(timeBank)
                .as(StepVerifier::create)
                .assertNext(result -> {
                    assertThat(result.eligible())
                            .extracting(RankedCandidate::providerId)
                            .containsExactly("volunteer");
                    assertThat(result.ineligible())
                            .extracting(IneligibleCandidate::providerId)
                            .containsExactly("paid");
                })
                .verifyComplete();
    }
}
