package cn.carecircle.matching.facts;

import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.GeoPoint;
import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.domain.TimeWindow;
import cn.carecircle.matching.domain.TravelMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the api knows about one provider, as matching needs it. The api builds it from its own tables
 * (providers, credentials, jobs, ratings); matching never reads them itself.
 *
 * @param providerId the provider's id as a string (UUID in the api)
 * @param services services the provider offers
 * @param credentials credentials, each for one service, with validity and verification
 * @param suspended suspended pending review (repeated bad ratings, a worker's decision)
 * @param busy windows of jobs already assigned (overlap makes the provider ineligible)
 * @param gender the provider's gender
 * @param languages languages spoken
 * @param travelMode how they travel
 * @param homeBase where scheduled jobs are assumed to start from
 * @param workingHours weekly hours; scheduled jobs must fall inside them
 * @param volunteer a volunteer (time-bank orders only) rather than a paid provider (paid orders only)
 * @param ratings raw good/total rating counts per service; missing means no ratings yet
 * @param reliability jobs accepted in the last 90 days ({@code total}) and completed without a
 *     provider cancellation or no-show ({@code good})
 * @param jobsToday jobs already assigned to the provider on the service day (fairness)
 */
public record ProviderFacts(
        String providerId,
        Set<ServiceType> services,
        List<Credential> credentials,
        boolean suspended,
        List<TimeWindow> busy,
        Gender gender,
        Set<Language> languages,
        TravelMode travelMode,
        GeoPoint homeBase,
        WorkingHours workingHours,
        boolean volunteer,
        Map<ServiceType, RatingCounts> ratings,
        RatingCounts reliability,
        int jobsToday) {

    public ProviderFacts {
        Objects.requireNonNull(providerId, "providerId");
        services = Set.copyOf(services);
        credentials = List.copyOf(credentials);
        busy = List.copyOf(busy);
        Objects.requireNonNull(gender, "gender");
        languages = Set.copyOf(languages);
        Objects.requireNonNull(travelMode, "travelMode");
        Objects.requireNonNull(homeBase, "homeBase");
        Objects.requireNonNull(workingHours, "workingHours");
        ratings = Map.copyOf(ratings);
        Objects.requireNonNull(reliability, "reliability");
        if (jobsToday < 0) {
            throw new IllegalArgumentException("jobsToday must not be negative");
        }
    }

    public RatingCounts ratingFor(ServiceType service) {
        return ratings.getOrDefault(service, RatingCounts.NONE);
    }
}
