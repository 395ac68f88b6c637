package cn.carecircle.matching.index;

import static cn.carecircle.matching.Fixtures.LINHE;
import static cn.carecircle.matching.Fixtures.LINHE_CENTRE;
import static cn.carecircle.matching.Fixtures.offset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.matching.MutableClock;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.travel.GreatCircleTravelTimeModel;
import cn.carecircle.matching.travel.TravelTimeModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * What every {@link CandidateIndex} must do; run against each implementation by a subclass. Presence
 * expiry is tested by moving a {@link MutableClock}, never by sleeping.
 */
abstract class CandidateIndexContractTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    static final Duration EXPIRY = PresenceSettings.DEFAULT_EXPIRY;

    protected final TravelTimeModel travelTime = new GreatCircleTravelTimeModel();
    protected MutableClock clock;
    protected CandidateIndex index;

    /** A fresh, empty index on the given clock with default presence settings. */
    protected abstract CandidateIndex newIndex(TravelTimeModel travelTime, MutableClock clock);

    @BeforeEach
    void createIndex() {
        clock = new MutableClock(T0);
        index = newIndex(travelTime, clock);
    }

    static Heartbeat beat(String id, TravelMode mode, GeoPoint at, ServiceType... services) {
        return new Heartbeat(id, LINHE, Set.of(services), mode, at);
    }

    static CandidateQuery query(ServiceType service, double limitMinutes) {
        return new CandidateQuery(LINHE, service, LINHE_CENTRE, limitMinutes);
    }

    void write(Heartbeat... beats) {
        index.heartbeats(List.of(beats)).as(StepVerifier::create).verifyComplete();
    }

    List<String> found(CandidateQuery query) {
        List<String> ids = new ArrayList<>();
        index.search(query)
                .map(Candidate::providerId)
                .doOnNext(ids::add)
                .as(StepVerifier::create)
                .thenConsumeWhile(x -> true)
                .verifyComplete();
        return ids;
    }

    @Test
    void aWalkerWithinTheLimitIsFoundAndOneBeyondItIsNot() {
        // walking at 4.5 km/h with detour 1.3 and 1 min start-up reaches 807.7 m in 15 minutes
        write(
                beat("near", TravelMode.WALK, offset(LINHE_CENTRE, 700, 10), ServiceType.CLEANING),
                beat("far", TravelMode.WALK, offset(LINHE_CENTRE, 900, 10), ServiceType.CLEANING));

        assertThat(found(query(ServiceType.CLEANING, 15))).containsExactly("near");
    }

    @Test
    void theTravelModeDecidesNotTheDistance() {
        GeoPoint twoKm = offset(LINHE_CENTRE, 2_000, 200);
        write(
                beat("walker", TravelMode.WALK, twoKm, ServiceType.MEAL),
                beat("rider", TravelMode.E_BIKE, twoKm, ServiceType.MEAL));

        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("rider");
    }

    @Test
    void candidatesComeNearestInTimeFirstWithTheirTravelMinutes() {
        write(
                beat("b", TravelMode.BICYCLE, offset(LINHE_CENTRE, 1_500, 90), ServiceType.BATHING),
                beat("a", TravelMode.WALK, offset(LINHE_CENTRE, 100, 0), ServiceType.BATHING),
                beat("c", TravelMode.CAR, offset(LINHE_CENTRE, 3_000, 300), ServiceType.BATHING));

        index.search(query(ServiceType.BATHING, 15))
                .as(StepVerifier::create)
                .assertNext(c -> {
                    assertThat(c.providerId()).isEqualTo("a");
                    assertThat(c.mode()).isEqualTo(TravelMode.WALK);
                    assertThat(c.travelMinutes())
                            .isCloseTo(1 + 100 * 1.3 / 75.0, org.assertj.core.data.Offset.offset(1e-6));
                    assertThat(c.lastSeen()).isEqualTo(T0);
                })
                .assertNext(c -> assertThat(c.providerId()).isEqualTo("b"))
                .assertNext(c -> assertThat(c.providerId()).isEqualTo("c"))
                .verifyComplete();
    }

    @Test
    void theSearchReturnsTheOriginalCoordinatesNotAGeohash() {
        GeoPoint exact = GeoPoint.of(40.757412345678, 107.387712345678);
        write(beat("p", TravelMode.WALK, exact, ServiceType.MEAL));

        index.search(query(ServiceType.MEAL, 15))
                .as(StepVerifier::create)
                .assertNext(c -> assertThat(c.position()).isEqualTo(exact))
                .verifyComplete();
    }

    @Test
    void onlyProvidersOnlineForTheServiceAreFound() {
        write(
                beat("cleaner", TravelMode.WALK, LINHE_CENTRE, ServiceType.CLEANING),
                beat("both", TravelMode.WALK, LINHE_CENTRE, ServiceType.CLEANING, ServiceType.MEAL));

        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("both");
        assertThat(found(query(ServiceType.CLEANING, 15))).containsExactlyInAnyOrder("cleaner", "both");
        assertThat(found(query(ServiceType.MEDICAL_VISIT, 15))).isEmpty();
    }

    @Test
    void regionsAreSeparate() {
        index.heartbeats(List.of(
                        new Heartbeat("elsewhere", "150821", Set.of(ServiceType.MEAL), TravelMode.WALK, LINHE_CENTRE)))
                .as(StepVerifier::create)
                .verifyComplete();

        assertThat(found(query(ServiceType.MEAL, 15))).isEmpty();
        assertThat(found(new CandidateQuery("150821", ServiceType.MEAL, LINHE_CENTRE, 15)))
                .containsExactly("elsewhere");
    }

    @Test
    void aHeartbeatMovesTheProvider() {
        write(beat("p", TravelMode.WALK, offset(LINHE_CENTRE, 5_000, 0), ServiceType.MEAL));
        assertThat(found(query(ServiceType.MEAL, 15))).isEmpty();

        write(beat("p", TravelMode.WALK, offset(LINHE_CENTRE, 300, 0), ServiceType.MEAL));
        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("p");
    }

    @Test
    void aProviderIsPresentForNinetySecondsAfterTheLastHeartbeatAndThenNot() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));

        clock.advance(EXPIRY);
        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("p");

        clock.advance(Duration.ofMillis(1));
        assertThat(found(query(ServiceType.MEAL, 15))).isEmpty();
    }

    @Test
    void aNewHeartbeatRenewsPresence() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        clock.advance(Duration.ofSeconds(60));
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        clock.advance(Duration.ofSeconds(60));

        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("p");
    }

    @Test
    void goingOfflineRemovesTheProviderFromEveryService() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL, ServiceType.CLEANING));

        index.offline(LINHE, "p").as(StepVerifier::create).verifyComplete();

        assertThat(found(query(ServiceType.MEAL, 15))).isEmpty();
        assertThat(found(query(ServiceType.CLEANING, 15))).isEmpty();
    }

    @Test
    void comingOnlineWithFewerServicesDropsTheOthers() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL, ServiceType.CLEANING));

        index.online(beat("p", TravelMode.CAR, LINHE_CENTRE, ServiceType.CLEANING))
                .as(StepVerifier::create)
                .verifyComplete();

        assertThat(found(query(ServiceType.MEAL, 15))).isEmpty();
        index.search(query(ServiceType.CLEANING, 15))
                .as(StepVerifier::create)
                .assertNext(c -> assertThat(c.mode()).isEqualTo(TravelMode.CAR))
                .verifyComplete();
    }

    @Test
    void trimStaleRemovesOnlyProvidersWhoseHeartbeatsStopped() {
        write(beat("old", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL, ServiceType.BATHING));
        clock.advance(Duration.ofSeconds(60));
        write(beat("fresh", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        clock.advance(Duration.ofSeconds(31));

        index.trimStale(clock.instant()).as(StepVerifier::create).expectNext(2L).verifyComplete();
        index.trimStale(clock.instant()).as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("fresh");
        clock.set(T0);
        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("fresh");
        assertThat(found(query(ServiceType.BATHING, 15))).isEmpty();
    }

    @Test
    void aProviderTrimmedAsStaleReturnsWithTheNextHeartbeat() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        clock.advance(Duration.ofMinutes(5));
        index.trimStale(clock.instant()).as(StepVerifier::create).expectNext(1L).verifyComplete();

        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));

        assertThat(found(query(ServiceType.MEAL, 15))).containsExactly("p");
    }

    @Test
    void thePositionOfAPresentProviderIsKnownAndOfAnAbsentOneIsEmpty() {
        GeoPoint at = offset(LINHE_CENTRE, 250, 45);
        write(beat("p", TravelMode.BICYCLE, at, ServiceType.MEAL));

        index.position(LINHE, ServiceType.MEAL, "p")
                .as(StepVerifier::create)
                .expectNext(new LivePosition("p", at, TravelMode.BICYCLE, T0))
                .verifyComplete();
        index.position(LINHE, ServiceType.MEAL, "nobody")
                .as(StepVerifier::create)
                .verifyComplete();

        clock.advance(EXPIRY.plusSeconds(1));
        index.position(LINHE, ServiceType.MEAL, "p").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void aLargeBatchIsWrittenCompletely() {
        List<Heartbeat> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            batch.add(beat("p" + i, TravelMode.WALK, offset(LINHE_CENTRE, i % 700, i % 360), ServiceType.MEAL));
        }
        index.heartbeats(batch).as(StepVerifier::create).verifyComplete();

        assertThat(found(query(ServiceType.MEAL, 15))).hasSize(2_500);
    }

    @Test
    void anEmptyBatchChangesNothing() {
        index.heartbeats(List.of()).as(StepVerifier::create).verifyComplete();
        assertThat(found(query(ServiceType.MEAL, 15))).isEmpty();
    }

    @Test
    void aLimitShorterThanEveryStartUpFindsNobody() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        assertThat(found(query(ServiceType.MEAL, 0.5))).isEmpty();
    }

    @Test
    void aProviderAtTheDoorIsFoundWhenTheLimitEqualsTheStartUpAllowance() {
        write(beat("p", TravelMode.WALK, LINHE_CENTRE, ServiceType.MEAL));
        assertThat(found(query(ServiceType.MEAL, TravelMode.WALK.defaultStartupMinutes())))
                .containsExactly("p");
    }

    @Test
    void aNonPositiveLimitIsRefused() {
        assertThatThrownBy(() -> query(ServiceType.MEAL, 0))
                .isInstanceOfSatisfying(InvalidMatchRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("travelLimitMinutes");
                    assertThat(e.rule()).isEqualTo("positive");
                });
    }

    @Test
    void aRegionThatCouldBreakTheHashTagIsRefused() {
        assertThatThrownBy(() -> new CandidateQuery("15}08", ServiceType.MEAL, LINHE_CENTRE, 15))
                .isInstanceOf(InvalidMatchRequestException.class)
                .hasMessageContaining("region");
    }
}
