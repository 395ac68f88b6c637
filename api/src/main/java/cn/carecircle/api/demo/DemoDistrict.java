package cn.carecircle.api.demo;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.TravelMode;
import cn.carecircle.api.elders.CreateElderCommand.ConsentBy;
import cn.carecircle.api.elders.Elder.EmergencyContact;
import cn.carecircle.api.elders.MobilityLevel;
import cn.carecircle.api.providers.Credential.Verification;
import cn.carecircle.api.providers.CredentialKind;
import cn.carecircle.api.providers.ProviderKind;
import cn.carecircle.api.providers.WorkingHours;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The sample district of the demo run: five communities of 临河区 (Bayannur), their staff, elders, family
 * members, providers and volunteers. Pure data, generated from one seed, so every run shows the same people and a
 * bug report can name them. Every identity number and phone passes the checks the api applies to real input.
 */
record DemoDistrict(
        List<CommunitySpec> communities,
        List<StaffSpec> staff,
        List<FamilySpec> families,
        List<ElderSpec> elders,
        List<ProviderSpec> providers) {

    static final String REGION = "150802";
    static final String PASSWORD = "carecircle-demo";
    static final String EMAIL_DOMAIN = "@demo.carecircle.cn";
    static final long SEED = 150802L;

    record CommunitySpec(
            String code,
            String street,
            String name,
            GeoPoint centre,
            int travelTimeLimitMinutes,
            Set<Language> languages,
            boolean pastoralEdge) {

        String fullName() {
            return street + name;
        }

        /** A hexagon of about 1.8 km across around the centre: enough for the map, not a surveyed boundary. */
        Map<String, Object> boundary() {
            List<List<Double>> ring = new ArrayList<>();
            for (int i = 0; i <= 6; i++) {
                double angle = Math.toRadians(60.0 * (i % 6));
                GeoPoint p = offset(centre, 0.9 * Math.cos(angle), 0.9 * Math.sin(angle));
                ring.add(List.of(p.lon(), p.lat()));
            }
            Map<String, Object> polygon = new LinkedHashMap<>();
            polygon.put("type", "Polygon");
            polygon.put("coordinates", List.of(ring));
            return polygon;
        }
    }

    /** A worker, the district official or the operator; {@code communities} are indexes into the community list. */
    record StaffSpec(String uid, String email, String displayName, Role role, List<Integer> communities) {}

    record FamilySpec(String uid, String email, String displayName, String phone, boolean bindingLeftPending) {}

    /** An elder; {@code family} is an index into the family list, or -1 for an elder a worker registered. */
    record ElderSpec(
            int community,
            String name,
            Gender gender,
            LocalDate birthDate,
            String idNumber,
            String phone,
            String address,
            GeoPoint home,
            MobilityLevel mobility,
            Set<ServiceType> needs,
            Set<Language> languages,
            Gender bathingGenderPreference,
            boolean specialDifficulty,
            boolean subsidyEligible,
            EmergencyContact emergencyContact,
            int family,
            String relationship,
            ConsentBy consentBy) {

        @Override
        public String toString() {
            return "ElderSpec[community=" + community + "]";
        }
    }

    /** A credential as a worker left it; expiry is in days from the day of seeding. */
    record CredentialSpec(
            ServiceType service,
            CredentialKind kind,
            String number,
            String issuer,
            int expiresInDays,
            Verification verification,
            String note) {}

    record ProviderSpec(
            String uid,
            String email,
            ProviderKind kind,
            String displayName,
            String phone,
            Gender gender,
            int community,
            Set<ServiceType> services,
            Set<Language> languages,
            TravelMode travelMode,
            GeoPoint homeBase,
            List<WorkingHours> workingHours,
            List<CredentialSpec> credentials,
            String suspensionReason) {}

    /** A community's canteen (老年餐桌) and the providers it employs, by uid. */
    record CanteenSpec(int community, String name, List<String> employees) {}

    /**
     * One canteen per community, named after it, employing the community's meal couriers, or, where it has none,
     * the providers who offer meals (never volunteers: a canteen pays its staff).
     */
    List<CanteenSpec> canteens() {
        List<CanteenSpec> canteens = new ArrayList<>();
        for (int c = 0; c < communities.size(); c++) {
            int community = c;
            List<ProviderSpec> local =
                    providers.stream().filter(p -> p.community() == community).toList();
            List<String> couriers = local.stream()
                    .filter(p -> p.kind() == ProviderKind.MEAL_COURIER)
                    .map(ProviderSpec::uid)
                    .toList();
            List<String> employees = couriers.isEmpty()
                    ? local.stream()
                            .filter(p -> p.kind() != ProviderKind.VOLUNTEER
                                    && p.services().contains(ServiceType.MEAL))
                            .map(ProviderSpec::uid)
                            .toList()
                    : couriers;
            canteens.add(new CanteenSpec(c, communities.get(c).name() + "老年餐桌", employees));
        }
        return List.copyOf(canteens);
    }

    /** A point {@code northKm} north and {@code eastKm} east of {@code from}, rounded to about 10 cm. */
    static GeoPoint offset(GeoPoint from, double northKm, double eastKm) {
        double lat = from.lat() + northKm / 111.2;
        double lon = from.lon() + eastKm / (111.32 * Math.cos(Math.toRadians(from.lat())));
        return new GeoPoint(Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6);
    }

    static DemoDistrict generate() {
        return generate(SEED);
    }

    static DemoDistrict generate(long seed) {
        return new Generator(new SplittableRandom(seed)).generate();
    }

    long count(ProviderKind... kinds) {
        Set<ProviderKind> wanted = Set.of(kinds);
        return providers.stream().filter(p -> wanted.contains(p.kind())).count();
    }

    private static final class Generator {

        // Street offices and communities of 临河区' urban area; the pastoral edge lies to the west, where
        // Mongolian-speaking herding families settled.
        private static final List<CommunitySpec> COMMUNITIES = List.of(
                new CommunitySpec(
                        REGION + "001003",
                        "解放街道",
                        "团结社区",
                        new GeoPoint(40.7570, 107.3880),
                        15,
                        Set.of(Language.MANDARIN),
                        false),
                new CommunitySpec(
                        REGION + "002005",
                        "车站街道",
                        "新华社区",
                        new GeoPoint(40.7662, 107.4105),
                        15,
                        Set.of(Language.MANDARIN),
                        false),
                new CommunitySpec(
                        REGION + "003002",
                        "铁南街道",
                        "胜利社区",
                        new GeoPoint(40.7385, 107.3990),
                        15,
                        Set.of(Language.MANDARIN),
                        false),
                new CommunitySpec(
                        REGION + "004004",
                        "新华街道",
                        "光明社区",
                        new GeoPoint(40.7728, 107.3735),
                        15,
                        Set.of(Language.MANDARIN),
                        false),
                new CommunitySpec(
                        REGION + "007006",
                        "汇丰街道",
                        "丰泽社区",
                        new GeoPoint(40.7446, 107.3555),
                        25,
                        Set.of(Language.MANDARIN, Language.MONGOLIAN),
                        true));

        private static final List<StaffSpec> STAFF = List.of(
                new StaffSpec("worker-01", "worker01" + EMAIL_DOMAIN, "李慧敏", Role.COMMUNITY_WORKER, List.of(0, 1)),
                new StaffSpec("worker-02", "worker02" + EMAIL_DOMAIN, "王志强", Role.COMMUNITY_WORKER, List.of(1)),
                new StaffSpec("worker-03", "worker03" + EMAIL_DOMAIN, "刘晓燕", Role.COMMUNITY_WORKER, List.of(2)),
                new StaffSpec("worker-04", "worker04" + EMAIL_DOMAIN, "张海军", Role.COMMUNITY_WORKER, List.of(3)),
                new StaffSpec("worker-05", "worker05" + EMAIL_DOMAIN, "乌兰其其格", Role.COMMUNITY_WORKER, List.of(4)),
                new StaffSpec("worker-06", "worker06" + EMAIL_DOMAIN, "赵雪梅", Role.COMMUNITY_WORKER, List.of(0)),
                new StaffSpec(
                        "official-01",
                        "official" + EMAIL_DOMAIN,
                        "高建华",
                        Role.DISTRICT_OFFICIAL,
                        List.of(0, 1, 2, 3, 4)),
                new StaffSpec("admin-01", "admin" + EMAIL_DOMAIN, "陈立新", Role.ADMIN, List.of()));

        // Weighted by repetition towards the surnames most common among Han families of the Hetao plain.
        private static final String[] SURNAMES =
                ("王王王李李李张张张刘刘刘赵赵杨杨高高郭郭马马孙孙陈陈" + "周吴徐胡朱林何罗梁宋郑谢韩唐冯于董程曹袁邓许苏卢蒋蔡贾丁魏薛潘杜任姜范石姚白崔康毛秦史侯邵孟段乔贺武田").split("");
        private static final String[] ELDER_MEN = {
            "建国", "国庆", "振华", "德明", "志刚", "桂林", "福祥", "玉山", "守义", "文斌", "永胜", "长青", "宝山", "凤山", "占江", "树林", "富贵", "有才",
            "广田", "金海", "春生", "秋来", "卫东", "建军", "保国", "世明", "满仓", "福来", "俊", "刚", "军", "斌", "林", "海", "贵"
        };
        private static final String[] ELDER_WOMEN = {
            "秀英", "桂兰", "玉兰", "凤英", "淑珍", "秀兰", "桂英", "玉珍", "素芬", "翠花", "兰英", "秀珍", "凤兰", "丽华", "淑华", "春梅", "桂芝", "玉梅",
            "金花", "月娥", "银凤", "改莲", "巧云", "英", "芳", "霞", "梅", "兰", "珍"
        };
        private static final String[] YOUNGER_MEN = {
            "海涛", "伟", "磊", "建军", "志强", "勇", "晓东", "鹏", "浩", "涛", "宏伟", "建华", "军", "斌", "亮", "永强", "海龙", "晓明", "剑", "俊杰"
        };
        private static final String[] YOUNGER_WOMEN = {
            "丽", "静", "敏", "艳", "晓燕", "红梅", "海燕", "丽娟", "玲", "娜", "婷", "慧", "雪梅", "晓丽", "美玲", "秀娟", "佳", "燕", "春燕", "晓红"
        };
        // Mongolian personal names are written in full, without a Han surname.
        private static final String[] MONGOLIAN_MEN = {"巴特尔", "额尔敦", "苏和", "朝鲁", "巴图", "宝音", "那顺", "孟和", "达来", "吉日嘎拉"};
        private static final String[] MONGOLIAN_WOMEN = {"乌云", "其其格", "斯琴", "图雅", "娜仁", "萨仁", "高娃", "托娅", "格日勒", "塔娜"};
        private static final String[] MONGOLIAN_SURNAMES = {"包", "白", "韩", "吴", "宝"};

        private static final int ELDERS_PER_COMMUNITY = 60;
        private static final int COUPLES_PER_COMMUNITY = 9;
        private static final int FAMILIES_PER_COMMUNITY = 30;
        private static final int PROVIDERS_PER_COMMUNITY = 16;
        private static final int VOLUNTEERS_PER_COMMUNITY = 6;

        private final SplittableRandom random;
        private final DemoIdentities identities;
        private final List<FamilySpec> families = new ArrayList<>();
        private final List<ElderSpec> elders = new ArrayList<>();
        private final List<ProviderSpec> providers = new ArrayList<>();
        /** The relationship of each family member to the elders they are bound to, by family index. */
        private final List<String> relationships = new ArrayList<>();

        private final Set<Integer> pendingFamilies = Set.of(4, 22, 40, 61, 86, 103, 120, 139);

        Generator(SplittableRandom random) {
            this.random = random;
            this.identities = new DemoIdentities(random);
        }

        DemoDistrict generate() {
            for (int c = 0; c < COMMUNITIES.size(); c++) {
                households(c);
            }
            int volunteerNumber = 0;
            for (int c = 0; c < COMMUNITIES.size(); c++) {
                for (int i = 0; i < PROVIDERS_PER_COMMUNITY; i++) {
                    ProviderKind kind =
                            i < 5 ? ProviderKind.MEAL_COURIER : i < 12 ? ProviderKind.CAREGIVER : ProviderKind.MEDICAL;
                    providers.add(provider(providers.size() + 1, kind, c));
                }
            }
            for (int c = 0; c < COMMUNITIES.size(); c++) {
                for (int i = 0; i < VOLUNTEERS_PER_COMMUNITY; i++) {
                    providers.add(provider(++volunteerNumber, ProviderKind.VOLUNTEER, c));
                }
            }
            markSuspensions();
            return new DemoDistrict(COMMUNITIES, STAFF, List.copyOf(families), List.copyOf(elders), providers);
        }

        /** A community's elders: a few couples and many living alone, half of the households with a child online. */
        private void households(int c) {
            CommunitySpec community = COMMUNITIES.get(c);
            int singles = ELDERS_PER_COMMUNITY - 2 * COUPLES_PER_COMMUNITY;
            int withFamily = FAMILIES_PER_COMMUNITY;
            for (int h = 0; h < COUPLES_PER_COMMUNITY + singles; h++) {
                boolean couple = h < COUPLES_PER_COMMUNITY;
                boolean mongolian = community.pastoralEdge() && random.nextDouble() < 0.35;
                String address = address(community);
                GeoPoint home = scatter(community.centre(), 1.3);
                int family = h < withFamily ? families.size() : -1;
                if (couple) {
                    int husbandYear = 1936 + random.nextInt(22);
                    int wifeYear = Math.min(1961, Math.max(1936, husbandYear + random.nextInt(-2, 6)));
                    String husbandSurname = surname(mongolian);
                    if (family >= 0) {
                        addFamily(husbandSurname);
                    }
                    elders.add(elder(c, Gender.MALE, husbandYear, husbandSurname, mongolian, address, home, family));
                    elders.add(elder(c, Gender.FEMALE, wifeYear, surname(mongolian), mongolian, address, home, family));
                } else {
                    Gender gender = random.nextDouble() < 0.6 ? Gender.FEMALE : Gender.MALE;
                    String surname = surname(mongolian);
                    if (family >= 0) {
                        // a child carries the father's surname: a widower's own, a widow's late husband's
                        addFamily(gender == Gender.MALE ? surname : surname(mongolian));
                    }
                    elders.add(elder(c, gender, 1936 + random.nextInt(26), surname, mongolian, address, home, family));
                }
            }
        }

        private void addFamily(String surname) {
            int number = families.size() + 1;
            boolean son = random.nextBoolean();
            String name = notStaff(surname, son ? YOUNGER_MEN : YOUNGER_WOMEN);
            String key = String.format("%03d", number);
            families.add(new FamilySpec(
                    "family-" + key,
                    "family" + key + EMAIL_DOMAIN,
                    name,
                    identities.mobile(),
                    pendingFamilies.contains(number - 1)));
            relationships.add(son ? "儿子" : "女儿");
        }

        private ElderSpec elder(
                int c,
                Gender gender,
                int birthYear,
                String surname,
                boolean mongolian,
                String address,
                GeoPoint home,
                int family) {
            LocalDate birth = LocalDate.ofYearDay(birthYear, 1 + random.nextInt(365));
            String name = mongolian
                    ? pick(gender == Gender.MALE ? MONGOLIAN_MEN : MONGOLIAN_WOMEN)
                    : surname + pick(gender == Gender.MALE ? ELDER_MEN : ELDER_WOMEN);
            boolean old = birthYear < 1945;
            double m = random.nextDouble();
            MobilityLevel mobility = m < (old ? 0.40 : 0.70)
                    ? MobilityLevel.SELF_CARE
                    : m < (old ? 0.75 : 0.92) ? MobilityLevel.PARTIALLY_DISABLED : MobilityLevel.DISABLED;
            Set<ServiceType> needs = needs(mobility);
            Gender bathing = needs.contains(ServiceType.BATHING) && random.nextDouble() < 0.6 ? gender : null;
            boolean special = random.nextDouble()
                    < 0.07 + (family < 0 ? 0.2 : 0) + (mobility == MobilityLevel.DISABLED ? 0.1 : 0);
            boolean subsidy = special || random.nextDouble() < (old ? 0.35 : 0.22);
            String phone = random.nextDouble() < (birthYear < 1942 ? 0.6 : 0.9) ? identities.mobile() : null;
            Set<Language> languages =
                    mongolian ? Set.of(Language.MONGOLIAN, Language.MANDARIN) : Set.of(Language.MANDARIN);
            EmergencyContact contact;
            String relationship = null;
            ConsentBy consent = null;
            if (family >= 0) {
                FamilySpec child = families.get(family);
                relationship = relationships.get(family);
                contact = new EmergencyContact(child.displayName(), child.phone(), relationship);
                consent = ConsentBy.ELDER;
            } else {
                String[] kin = {"女儿", "儿子", "侄子", "外甥女", "邻居"};
                String kinship = pick(kin);
                boolean man = kinship.equals("儿子") || kinship.equals("侄子") || random.nextBoolean();
                String contactName = (kinship.equals("儿子") ? surname : surname(false))
                        + (man ? pick(YOUNGER_MEN) : pick(YOUNGER_WOMEN));
                contact = new EmergencyContact(contactName, identities.mobile(), kinship);
            }
            return new ElderSpec(
                    c,
                    name,
                    gender,
                    birth,
                    identities.idNumber(REGION, birth, gender),
                    phone,
                    address,
                    home,
                    mobility,
                    needs,
                    languages,
                    bathing,
                    special,
                    subsidy,
                    contact,
                    family,
                    relationship,
                    consent);
        }

        private Set<ServiceType> needs(MobilityLevel mobility) {
            boolean frail = mobility != MobilityLevel.SELF_CARE;
            Set<ServiceType> needs = EnumSet.noneOf(ServiceType.class);
            if (random.nextDouble() < (frail ? 0.7 : 0.5)) {
                needs.add(ServiceType.MEAL);
            }
            if (random.nextDouble() < 0.45) {
                needs.add(ServiceType.CLEANING);
            }
            if (random.nextDouble()
                    < switch (mobility) {
                        case SELF_CARE -> 0.15;
                        case PARTIALLY_DISABLED -> 0.5;
                        case DISABLED -> 0.8;
                    }) {
                needs.add(ServiceType.BATHING);
            }
            if (random.nextDouble() < (frail ? 0.5 : 0.25)) {
                needs.add(ServiceType.MEDICAL_VISIT);
            }
            if (needs.isEmpty()) {
                needs.add(ServiceType.MEAL);
            }
            return needs;
        }

        private String address(CommunitySpec community) {
            String prefix = "临河区" + community.street() + community.name();
            if (community.pastoralEdge() && random.nextDouble() < 0.4) {
                // the settled herding families at the edge live in single-storey houses along lanes
                return prefix + (1 + random.nextInt(8)) + "组" + (1 + random.nextInt(60)) + "号";
            }
            return prefix + (1 + random.nextInt(28)) + "号楼" + (1 + random.nextInt(4)) + "单元" + (1 + random.nextInt(6))
                    + "0" + (1 + random.nextInt(2)) + "室";
        }

        private ProviderSpec provider(int number, ProviderKind kind, int c) {
            CommunitySpec community = COMMUNITIES.get(c);
            boolean volunteer = kind == ProviderKind.VOLUNTEER;
            String key = String.format("%02d", number);
            double femaleShare = switch (kind) {
                case CAREGIVER -> 0.75;
                case MEDICAL -> 0.65;
                case MEAL_COURIER -> 0.4;
                case VOLUNTEER -> 0.6;
            };
            Gender gender = random.nextDouble() < femaleShare ? Gender.FEMALE : Gender.MALE;
            String name = notStaff(surname(false), gender == Gender.MALE ? YOUNGER_MEN : YOUNGER_WOMEN);
            Set<ServiceType> services = services(kind);
            Set<Language> languages = community.pastoralEdge() && random.nextDouble() < 0.4
                    ? Set.of(Language.MANDARIN, Language.MONGOLIAN)
                    : Set.of(Language.MANDARIN);
            List<CredentialSpec> credentials = new ArrayList<>();
            // a handful of fresh applications wait for a worker on the verification screen
            boolean pending = number % 8 == 3;
            for (ServiceType service : services) {
                credentials.add(credential(kind, service, pending));
            }
            if (number == 7 && !volunteer) {
                credentials.set(0, withVerification(credentials.get(0), Verification.REJECTED, "证书照片不清晰，请重新上传清晰的原件照片"));
                credentials.add(credential(kind, services.iterator().next(), true));
            }
            return new ProviderSpec(
                    (volunteer ? "volunteer-" : "provider-") + key,
                    (volunteer ? "volunteer" : "provider") + key + EMAIL_DOMAIN,
                    kind,
                    name,
                    identities.mobile(),
                    gender,
                    c,
                    services,
                    languages,
                    travelMode(volunteer),
                    scatter(community.centre(), 1.5),
                    workingHours(kind),
                    List.copyOf(credentials),
                    null);
        }

        private static CredentialSpec withVerification(CredentialSpec c, Verification to, String note) {
            return new CredentialSpec(c.service(), c.kind(), c.number(), c.issuer(), c.expiresInDays(), to, note);
        }

        private Set<ServiceType> services(ProviderKind kind) {
            double r = random.nextDouble();
            return switch (kind) {
                case MEAL_COURIER ->
                    r < 0.3 ? EnumSet.of(ServiceType.MEAL, ServiceType.CLEANING) : EnumSet.of(ServiceType.MEAL);
                case CAREGIVER ->
                    r < 0.5
                            ? EnumSet.of(ServiceType.BATHING, ServiceType.CLEANING)
                            : r < 0.8 ? EnumSet.of(ServiceType.BATHING) : EnumSet.of(ServiceType.CLEANING);
                case MEDICAL ->
                    r < 0.25
                            ? EnumSet.of(ServiceType.MEDICAL_VISIT, ServiceType.BATHING)
                            : EnumSet.of(ServiceType.MEDICAL_VISIT);
                case VOLUNTEER ->
                    r < 0.4
                            ? EnumSet.of(ServiceType.MEAL, ServiceType.CLEANING)
                            : r < 0.75 ? EnumSet.of(ServiceType.MEAL) : EnumSet.of(ServiceType.CLEANING);
            };
        }

        private CredentialSpec credential(ProviderKind kind, ServiceType service, boolean pending) {
            CredentialKind credentialKind;
            String number;
            String issuer;
            int validDays;
            if (kind == ProviderKind.VOLUNTEER) {
                credentialKind = CredentialKind.VOLUNTEER_REGISTRATION;
                number = "ZY" + REGION + String.format("%06d", random.nextInt(1_000_000));
                issuer = "临河区新时代文明实践中心";
                validDays = 365 + random.nextInt(730);
            } else if (service == ServiceType.MEDICAL_VISIT) {
                credentialKind = CredentialKind.PRACTICE_LICENCE;
                boolean doctor = random.nextDouble() < 0.35;
                // 医师执业证书编码 has 15 digits, 护士执业证书编号 12
                number = doctor
                        ? "1101508" + String.format("%08d", random.nextInt(100_000_000))
                        : "2020150" + String.format("%05d", random.nextInt(100_000));
                issuer = "巴彦淖尔市卫生健康委员会";
                validDays = 400 + random.nextInt(1400);
            } else if (kind == ProviderKind.MEAL_COURIER) {
                credentialKind = CredentialKind.HEALTH_CERTIFICATE;
                number = "JK" + REGION + String.format("%08d", random.nextInt(100_000_000));
                issuer = "临河区疾病预防控制中心";
                // a health certificate is valid for one year; some run out soon and need renewing
                validDays = 10 + random.nextInt(355);
            } else {
                credentialKind = CredentialKind.CAREGIVER_CERTIFICATE;
                number = "S0000150800" + String.format("%08d", random.nextInt(100_000_000));
                issuer = "巴彦淖尔市人力资源和社会保障局";
                validDays = 365 + random.nextInt(1460);
            }
            return new CredentialSpec(
                    service,
                    credentialKind,
                    number,
                    issuer,
                    validDays,
                    pending ? Verification.PENDING : Verification.VERIFIED,
                    null);
        }

        private TravelMode travelMode(boolean volunteer) {
            double r = random.nextDouble();
            if (volunteer) {
                return r < 0.6 ? TravelMode.WALK : r < 0.85 ? TravelMode.BICYCLE : TravelMode.E_BIKE;
            }
            return r < 0.40
                    ? TravelMode.WALK
                    : r < 0.55 ? TravelMode.BICYCLE : r < 0.85 ? TravelMode.E_BIKE : TravelMode.CAR;
        }

        private List<WorkingHours> workingHours(ProviderKind kind) {
            List<WorkingHours> hours = new ArrayList<>();
            switch (kind) {
                case MEAL_COURIER -> {
                    int lastDay = random.nextBoolean() ? 7 : 6;
                    for (int d = 1; d <= lastDay; d++) {
                        hours.add(span(d, "10:30", "13:30"));
                        hours.add(span(d, "16:30", "18:30"));
                    }
                }
                case CAREGIVER -> {
                    boolean weekdays = random.nextDouble() < 0.6;
                    for (int d = weekdays ? 1 : 2; d <= (weekdays ? 5 : 6); d++) {
                        if (weekdays) {
                            hours.add(span(d, "08:00", "12:00"));
                            hours.add(span(d, "14:00", "18:00"));
                        } else {
                            hours.add(span(d, "09:00", "17:00"));
                        }
                    }
                }
                case MEDICAL -> {
                    for (int d = 1; d <= 5; d++) {
                        hours.add(span(d, "08:30", "11:30"));
                        hours.add(span(d, "15:00", "17:30"));
                    }
                    if (random.nextBoolean()) {
                        hours.add(span(6, "08:30", "11:30"));
                    }
                }
                case VOLUNTEER -> {
                    boolean morning = random.nextBoolean();
                    int first = 1 + random.nextInt(5);
                    for (int d = first; d <= 7 && hours.size() < 3; d += 2) {
                        hours.add(morning ? span(d, "09:00", "11:30") : span(d, "15:00", "17:00"));
                    }
                }
            }
            return List.copyOf(hours);
        }

        private static WorkingHours span(int day, String start, String end) {
            return new WorkingHours(day, LocalTime.parse(start), LocalTime.parse(end));
        }

        /** Two providers a worker has suspended, so the suspension screen has something to reinstate. */
        private void markSuspensions() {
            suspend(9, "差评回访核实：两次未按约定时间上门，暂停接单待整改");
            suspend(36, "服务中与老人家属发生争执，暂停接单，待社区约谈后恢复");
        }

        private void suspend(int number, String reason) {
            ProviderSpec p = providers.get(number - 1);
            providers.set(
                    number - 1,
                    new ProviderSpec(
                            p.uid(),
                            p.email(),
                            p.kind(),
                            p.displayName(),
                            p.phone(),
                            p.gender(),
                            p.community(),
                            p.services(),
                            p.languages(),
                            p.travelMode(),
                            p.homeBase(),
                            p.workingHours(),
                            p.credentials(),
                            reason));
        }

        /** A name no staff member has, so that a worker on the admin site is never mistaken for a family member. */
        private String notStaff(String surname, String[] given) {
            while (true) {
                String name = surname + pick(given);
                if (STAFF.stream().noneMatch(s -> s.displayName().equals(name))) {
                    return name;
                }
            }
        }

        private String surname(boolean mongolian) {
            return mongolian ? pick(MONGOLIAN_SURNAMES) : pick(SURNAMES);
        }

        /** A point spread evenly over a disc of {@code radiusKm} around {@code centre}. */
        private GeoPoint scatter(GeoPoint centre, double radiusKm) {
            double r = radiusKm * Math.sqrt(random.nextDouble());
            double angle = random.nextDouble(2 * Math.PI);
            return offset(centre, r * Math.cos(angle), r * Math.sin(angle));
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }
    }
}
