package cn.carecircle.matching;

import static cn.carecircle.matching.Fixtures.LINHE;
import static cn.carecircle.matching.Fixtures.LINHE_CENTRE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.SettlementKind;
import cn.carecircle.matching.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MatchRequestValidationTest {

    static final TimeWindow WINDOW = TimeWindow.of(Instant.parse("2026-11-23T02:00:00Z"), Duration.ofHours(1));

    static void refused(Executable build, String field, String rule) {
        assertThatThrownBy(build::execute)
                .isInstanceOf(InvalidMatchRequestException.class)
                .satisfies(e -> {
                    InvalidMatchRequestException ex = (InvalidMatchRequestException) e;
                    org.assertj.core.api.Assertions.assertThat(ex.field()).isEqualTo(field);
                    org.assertj.core.api.Assertions.assertThat(ex.rule()).isEqualTo(rule);
                    org.assertj.core.api.Assertions.assertThat(ex.getMessage()).isNotBlank();
                });
    }

    static MatchRequest request(int minutes) {
        return new MatchRequest(
                LINHE, LINHE_CENTRE, minutes, ServiceType.MEAL, Timing.NOW, WINDOW, SettlementKind.PAID, null, null);
    }

    @Test
    void aLatitudeOutsideMinus90To90IsRefused() {
        refused(() -> GeoPoint.of(90.0001, 107), "latitude", "range");
        refused(() -> GeoPoint.of(-91, 107), "latitude", "range");
        refused(() -> GeoPoint.of(Double.NaN, 107), "latitude", "range");
    }

    @Test
    void aLongitudeOutsideMinus180To180IsRefused() {
        refused(() -> GeoPoint.of(40, 180.5), "longitude", "range");
        refused(() -> GeoPoint.of(40, Double.NEGATIVE_INFINITY), "longitude", "range");
    }

    @Test
    void theExtremesAreAccepted() {
        GeoPoint.of(90, 180);
        GeoPoint.of(-90, -180);
    }

    @Test
    void anUnknownOrMissingServiceIsRefused() {
        refused(() -> ServiceType.parse("MASSAGE"), "service", "known-service");
        refused(() -> ServiceType.parse(" "), "service", "required");
        refused(
                () -> new MatchRequest(
                        LINHE, LINHE_CENTRE, 15, null, Timing.NOW, WINDOW, SettlementKind.PAID, null, null),
                "service",
                "required");
    }

    @Test
    void aKnownServiceCodeParses() {
        org.assertj.core.api.Assertions.assertThat(ServiceType.parse("MEDICAL_VISIT"))
                .isEqualTo(ServiceType.MEDICAL_VISIT);
    }

    @Test
    void zeroOrNegativeMinutesAreRefused() {
        refused(() -> request(0), "travelLimitMinutes", "positive");
        refused(() -> request(-15), "travelLimitMinutes", "positive");
        refused(() -> request(241), "travelLimitMinutes", "range");
    }

    @Test
    void anEmptyOrInvertedWindowIsRefused() {
        Instant t = Instant.parse("2026-11-23T02:00:00Z");
        refused(() -> new TimeWindow(t, t), "window", "non-empty");
        refused(() -> new TimeWindow(t, t.minusSeconds(60)), "window", "non-empty");
        refused(() -> new TimeWindow(null, t), "window.start", "required");
    }

    @Test
    void missingPartsOfTheRequestAreNamed() {
        refused(
                () -> new MatchRequest(
                        LINHE, null, 15, ServiceType.MEAL, Timing.NOW, WINDOW, SettlementKind.PAID, null, null),
                "elderLocation",
                "required");
        refused(
                () -> new MatchRequest(
                        LINHE, LINHE_CENTRE, 15, ServiceType.MEAL, Timing.NOW, null, SettlementKind.PAID, null, null),
                "window",
                "required");
        refused(
                () -> new MatchRequest(
                        " ", LINHE_CENTRE, 15, ServiceType.MEAL, Timing.NOW, WINDOW, SettlementKind.PAID, null, null),
                "region",
                "required");
        refused(() -> new Requirements(null, 3, null), "requirements.caregivers", "range");
    }
}
