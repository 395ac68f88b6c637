package cn.carecircle.matching;

import cn.carecircle.matching.domain.CredentialKind;
import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.domain.TravelMode;
import cn.carecircle.matching.facts.Credential;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.RatingCounts;
import cn.carecircle.matching.facts.WorkingHours;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Provider facts for tests: eligible for everything by default, each test changes what it is about. */
public final class ProviderFactsBuilder {

    public static final LocalDate CREDENTIALS_FROM = LocalDate.of(2025, 1, 1);

    private final String id;
    private Set<ServiceType> services = EnumSet.allOf(ServiceType.class);
    private final List<Credential> credentials = new ArrayList<>();
    private boolean suspended;
    private final List<TimeWindow> busy = new ArrayList<>();
    private Gender gender = Gender.FEMALE;
    private Set<Language> languages = Set.of(Language.MANDARIN);
    private TravelMode mode = TravelMode.WALK;
    private GeoPoint homeBase = Fixtures.LINHE_CENTRE;
    private WorkingHours hours = WorkingHours.always();
    private boolean volunteer;
    private final Map<ServiceType, RatingCounts> ratings = new EnumMap<>(ServiceType.class);
    private RatingCounts reliability = RatingCounts.NONE;
    private int jobsToday;

    private ProviderFactsBuilder(String id) {
        this.id = id;
        for (ServiceType s : ServiceType.values()) {
            credentials.add(new Credential(s, s.acceptedCredentials().iterator().next(), CREDENTIALS_FROM, null, true));
        }
    }

    public static ProviderFactsBuilder provider(String id) {
        return new ProviderFactsBuilder(id);
    }

    public ProviderFactsBuilder services(ServiceType... s) {
        services = s.length == 0 ? Set.of() : EnumSet.copyOf(List.of(s));
        return this;
    }

    public ProviderFactsBuilder credentials(Credential... c) {
        credentials.clear();
        credentials.addAll(List.of(c));
        return this;
    }

    public ProviderFactsBuilder credential(ServiceType s, CredentialKind kind, LocalDate until, boolean verified) {
        credentials.removeIf(c -> c.service() == s);
        credentials.add(new Credential(s, kind, CREDENTIALS_FROM, until, verified));
        return this;
    }

    public ProviderFactsBuilder suspended() {
        suspended = true;
        return this;
    }

    public ProviderFactsBuilder busy(TimeWindow w) {
        busy.add(w);
        return this;
    }

    public ProviderFactsBuilder gender(Gender g) {
        gender = g;
        return this;
    }

    public ProviderFactsBuilder languages(Language... l) {
        languages = Set.of(l);
        return this;
    }

    public ProviderFactsBuilder mode(TravelMode m) {
        mode = m;
        return this;
    }

    public ProviderFactsBuilder homeBase(GeoPoint p) {
        homeBase = p;
        return this;
    }

    public ProviderFactsBuilder hours(WorkingHours h) {
        hours = h;
        return this;
    }

    public ProviderFactsBuilder volunteer() {
        volunteer = true;
        return this;
    }

    public ProviderFactsBuilder rating(ServiceType s, long good, long total) {
        ratings.put(s, new RatingCounts(good, total));
        return this;
    }

    public ProviderFactsBuilder reliability(long clean, long accepted) {
        reliability = new RatingCounts(clean, accepted);
        return this;
    }

    public ProviderFactsBuilder jobsToday(int n) {
        jobsToday = n;
        return this;
    }

    public ProviderFacts build() {
        return new ProviderFacts(
                id,
                services,
                credentials,
                suspended,
                busy,
                gender,
                languages,
                mode,
                homeBase,
                hours,
                volunteer,
                ratings,
                reliability,
                jobsToday);
    }
}
