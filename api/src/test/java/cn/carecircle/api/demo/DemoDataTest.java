package cn.carecircle.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import cn.carecircle.api.common.ChineseIdentity;
import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.TravelMode;
import cn.carecircle.api.demo.DemoDistrict.ElderSpec;
import cn.carecircle.api.demo.DemoDistrict.ProviderSpec;
import cn.carecircle.api.elders.CreateElderCommand;
import cn.carecircle.api.providers.Credential.Verification;
import cn.carecircle.api.providers.CredentialInput;
import cn.carecircle.api.providers.OnboardProviderCommand;
import cn.carecircle.api.providers.ProviderKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo district is data the api would accept from real users, and the same on every run. */
class DemoDataTest {

    /** A fixed list, plus one fresh seed per run; a failure names the seed, so it can be replayed. */
    static Stream<Long> seeds() {
        return Stream.concat(LongStream.of(DemoDistrict.SEED, 1, 42, 2026).boxed(), Stream.of(System.nanoTime()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void identityNumbersAreValidAndAgreeWithBirthDateAndGender(long seed) {
        DemoIdentities identities = new DemoIdentities(new SplittableRandom(seed));
        SplittableRandom random = new SplittableRandom(seed + 1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            LocalDate birth = LocalDate.ofYearDay(1936 + random.nextInt(26), 1 + random.nextInt(365));
            Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
            String id = identities.idNumber(DemoDistrict.REGION, birth, gender);
            String context = "seed " + seed + ", number " + i + ": " + id;
            assertThat(ChineseIdentity.hasValidCheckDigit(id)).as(context).isTrue();
            assertThat(id).as(context).startsWith("150802");
            assertThat(ChineseIdentity.birthDateOf(id)).as(context).contains(birth);
            int sequenceLast = id.charAt(16) - '0';
            assertThat(sequenceLast % 2 == 1).as(context).isEqualTo(gender == Gender.MALE);
            assertThat(seen.add(id)).as(context + " handed out twice").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mobileNumbersAreValidAndNeverRepeat(long seed) {
        DemoIdentities identities = new DemoIdentities(new SplittableRandom(seed));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String phone = identities.mobile();
            assertThat(ChineseIdentity.isMainlandMobile(phone))
                    .as("seed " + seed + ": " + phone)
                    .isTrue();
            assertThat(seen.add(phone)).as("seed " + seed + ": " + phone).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyElderAndProviderPassesTheChecksOfRealInput(long seed) {
        DemoDistrict district = DemoDistrict.generate(seed);
        for (ElderSpec e : district.elders()) {
            assertDoesNotThrow(() -> command(e), "seed " + seed);
            assertThat(e.birthDate().getYear()).isBetween(1936, 1961);
        }
        for (ProviderSpec p : district.providers()) {
            assertDoesNotThrow(
                    () -> new OnboardProviderCommand(
                            p.kind(),
                            p.displayName(),
                            p.phone(),
                            p.gender(),
                            UUID.randomUUID(),
                            p.services(),
                            p.languages(),
                            p.travelMode(),
                            p.homeBase(),
                            p.workingHours(),
                            p.credentials().stream()
                                    .map(c -> new CredentialInput(
                                            c.service(), c.kind(), c.number(), c.issuer(), LocalDate.now()))
                                    .toList()),
                    "seed " + seed + ", " + p.uid());
        }
    }

    @Test
    void theDistrictIsTheSameOnEveryRun() {
        assertThat(DemoDistrict.generate()).isEqualTo(DemoDistrict.generate());
    }

    @Test
    void theDistrictHasThePeopleTheReadmePromises() {
        DemoDistrict d = DemoDistrict.generate();
        assertThat(d.communities()).hasSize(5);
        assertThat(d.communities())
                .allSatisfy(c -> assertThat(c.code()).startsWith("150802").hasSizeBetween(9, 12));
        assertThat(d.elders()).hasSize(300);
        assertThat(d.families()).hasSize(150);
        assertThat(d.count(ProviderKind.MEAL_COURIER, ProviderKind.CAREGIVER, ProviderKind.MEDICAL))
                .isEqualTo(80);
        assertThat(d.count(ProviderKind.VOLUNTEER)).isEqualTo(30);
        assertThat(d.staff().stream().filter(s -> s.role() == Role.COMMUNITY_WORKER))
                .hasSize(6);
        assertThat(d.staff()).extracting(DemoDistrict.StaffSpec::email).contains("worker01@demo.carecircle.cn");

        Map<Integer, Long> eldersPerFamily = d.elders().stream()
                .filter(e -> e.family() >= 0)
                .collect(Collectors.groupingBy(ElderSpec::family, Collectors.counting()));
        assertThat(eldersPerFamily).hasSize(150);
        assertThat(eldersPerFamily.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
        assertThat(d.families().stream().filter(DemoDistrict.FamilySpec::bindingLeftPending))
                .isNotEmpty();

        long special = d.elders().stream().filter(ElderSpec::specialDifficulty).count();
        long subsidy = d.elders().stream().filter(ElderSpec::subsidyEligible).count();
        assertThat(special).isBetween(30L, 60L);
        assertThat(subsidy).isBetween(95L, 150L);

        List<String> uids = new ArrayList<>();
        d.staff().forEach(s -> uids.add(s.uid()));
        d.families().forEach(f -> uids.add(f.uid()));
        d.providers().forEach(p -> uids.add(p.uid()));
        assertThat(uids).doesNotHaveDuplicates();

        Set<String> staffNames =
                d.staff().stream().map(DemoDistrict.StaffSpec::displayName).collect(Collectors.toSet());
        assertThat(d.families()).noneMatch(f -> staffNames.contains(f.displayName()));
        assertThat(d.providers()).noneMatch(p -> staffNames.contains(p.displayName()));
    }

    @Test
    void everyCommunityCanBeServedInEveryServiceByAVerifiedProviderNearby() {
        DemoDistrict d = DemoDistrict.generate();
        for (int c = 0; c < d.communities().size(); c++) {
            int community = c;
            GeoPoint centre = d.communities().get(c).centre();
            List<ProviderSpec> local = d.providers().stream()
                    .filter(p -> p.community() == community && p.kind() != ProviderKind.VOLUNTEER)
                    .toList();
            for (ServiceType service : ServiceType.values()) {
                assertThat(local)
                        .as("community %d, %s", c, service)
                        .anySatisfy(p -> assertThat(p.credentials()).anySatisfy(cred -> {
                            assertThat(cred.service()).isEqualTo(service);
                            assertThat(cred.verification()).isEqualTo(Verification.VERIFIED);
                            assertThat(cred.kind().qualifiesFor(service)).isTrue();
                        }));
            }
            d.elders().stream()
                    .filter(e -> e.community() == community)
                    .forEach(e -> assertThat(kilometres(centre, e.home())).isLessThan(1.5));
            local.forEach(p -> assertThat(kilometres(centre, p.homeBase())).isLessThan(1.6));
        }
        Map<TravelMode, Long> modes = d.providers().stream()
                .filter(p -> p.kind() != ProviderKind.VOLUNTEER)
                .collect(Collectors.groupingBy(ProviderSpec::travelMode, Collectors.counting()));
        assertThat(modes.getOrDefault(TravelMode.WALK, 0L)).isBetween(24L, 40L);
        assertThat(modes.getOrDefault(TravelMode.CAR, 0L)).isBetween(6L, 20L);
    }

    @Test
    void everyCommunityHasOneCanteenStaffedByItsOwnMealProviders() {
        DemoDistrict d = DemoDistrict.generate();
        List<DemoDistrict.CanteenSpec> canteens = d.canteens();
        assertThat(canteens).extracting(DemoDistrict.CanteenSpec::community).containsExactly(0, 1, 2, 3, 4);
        Map<String, ProviderSpec> byUid = d.providers().stream().collect(Collectors.toMap(ProviderSpec::uid, p -> p));
        for (DemoDistrict.CanteenSpec canteen : canteens) {
            assertThat(canteen.name())
                    .startsWith(d.communities().get(canteen.community()).name())
                    .endsWith("老年餐桌")
                    .hasSizeBetween(2, 60);
            List<ProviderSpec> staff =
                    canteen.employees().stream().map(byUid::get).toList();
            assertThat(staff).as(canteen.name()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.community()).isEqualTo(canteen.community());
                assertThat(p.kind()).isEqualTo(ProviderKind.MEAL_COURIER);
            });
            assertThat(staff.stream().map(ProviderSpec::uid))
                    .as("every meal courier of the community works at its canteen")
                    .containsExactlyInAnyOrderElementsOf(d.providers().stream()
                            .filter(p -> p.community() == canteen.community() && p.kind() == ProviderKind.MEAL_COURIER)
                            .map(ProviderSpec::uid)
                            .toList());
            // the canteen's meal plans are offered to its couriers first: one of them must be able to take them
            assertThat(staff).as(canteen.name()).anySatisfy(p -> {
                assertThat(p.suspensionReason()).isNull();
                assertThat(p.credentials()).anySatisfy(c -> {
                    assertThat(c.service()).isEqualTo(ServiceType.MEAL);
                    assertThat(c.verification()).isEqualTo(Verification.VERIFIED);
                });
            });
        }
    }

    private static CreateElderCommand command(ElderSpec e) {
        return DemoSeeder.command(e, UUID.randomUUID());
    }

    private static double kilometres(GeoPoint a, GeoPoint b) {
        double north = (a.lat() - b.lat()) * 111.2;
        double east = (a.lon() - b.lon()) * 111.32 * Math.cos(Math.toRadians(a.lat()));
        return Math.hypot(north, east);
    }
}
