package cn.carecircle.matching.travel;

import static cn.carecircle.matching.Fixtures.LINHE_CENTRE;
import static cn.carecircle.matching.Fixtures.offset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.TravelMode;
import org.junit.jupiter.api.Test;

class GreatCircleTravelTimeModelTest {

    final GreatCircleTravelTimeModel model = new GreatCircleTravelTimeModel();

    @Test
    void theHaversineDistanceMatchesAKnownValue() {
        // Beijing Tiananmen to Shanghai People's Square: about 1,067 km
        double d = GreatCircleTravelTimeModel.distanceMeters(
                GeoPoint.of(39.9087, 116.3975), GeoPoint.of(31.2304, 121.4737));
        assertThat(d).isCloseTo(1_067_000, offset(3_000.0));
    }

    @Test
    void minutesAreStartUpPlusDetouredDistanceOverSpeed() {
        GeoPoint oneKm = offset(LINHE_CENTRE, 1_000, 30);
        // walk: 1 min + 1000 m × 1.3 ÷ 75 m/min
        assertThat(model.minutes(LINHE_CENTRE, oneKm, TravelMode.WALK)).isCloseTo(1 + 1300 / 75.0, offset(1e-6));
        // car: 5 min + 1300 m ÷ (25 km/h = 416.7 m/min)
        assertThat(model.minutes(LINHE_CENTRE, oneKm, TravelMode.CAR))
                .isCloseTo(5 + 1300 / (25000 / 60.0), offset(1e-6));
    }

    @Test
    void theDefaultsAreDocumented() {
        TravelTimeSettings s = TravelTimeSettings.defaults();
        assertThat(s.detourFactor()).isEqualTo(1.3);
        assertThat(s.speedsKmh())
                .containsEntry(TravelMode.WALK, 4.5)
                .containsEntry(TravelMode.BICYCLE, 12.0)
                .containsEntry(TravelMode.E_BIKE, 18.0)
                .containsEntry(TravelMode.CAR, 25.0);
        assertThat(s.startupMinutes()).containsEntry(TravelMode.WALK, 1.0).containsEntry(TravelMode.CAR, 5.0);
    }

    @Test
    void theReachRadiusIsTheFastestModesReachAndNobodyBeyondItArrivesInTime() {
        double radius = model.reachRadiusMeters(15);
        // car: (15 − 5) min × 416.7 m/min ÷ 1.3 = 3,205 m beats e-bike's 3,000 m
        assertThat(radius).isCloseTo(10 * (25000 / 60.0) / 1.3, offset(1e-6));
        for (TravelMode mode : TravelMode.values()) {
            assertThat(model.minutes(LINHE_CENTRE, offset(LINHE_CENTRE, radius + 1, 0), mode))
                    .isGreaterThan(15);
        }
    }

    @Test
    void settingsChangeTheEstimate() {
        GreatCircleTravelTimeModel fastWalkers = new GreatCircleTravelTimeModel(TravelTimeSettings.defaults()
                .withSpeed(TravelMode.WALK, 6.0)
                .withDetourFactor(1.0)
                .withStartup(TravelMode.WALK, 0));
        assertThat(fastWalkers.minutes(LINHE_CENTRE, offset(LINHE_CENTRE, 1_000, 0), TravelMode.WALK))
                .isCloseTo(10.0, offset(1e-6));
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> TravelTimeSettings.defaults().withDetourFactor(0.9))
                .hasMessageContaining("detourFactor");
        assertThatThrownBy(() -> TravelTimeSettings.defaults().withSpeed(TravelMode.CAR, 0))
                .hasMessageContaining("CAR");
        assertThatThrownBy(() -> TravelTimeSettings.defaults().withStartup(TravelMode.CAR, -1))
                .hasMessageContaining("CAR");
    }
}
