package cn.carecircle.matching.ranking;

import cn.carecircle.matching.facts.ElderVisit;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.RatingCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores an eligible provider:
 *
 * <pre>
 * score = 0.30 × travel + 0.25 × rating + 0.15 × reliability + 0.15 × continuity
 *       + 0.10 × fairness + 0.05 × language                      (default weights)
 *
 * travel      = clamp(1 − minutes ÷ limit, 0, 1)
 * rating      = (good + m·p) ÷ (rated + m)             for the ordered service, p = 0.9, m = 10
 * reliability = (clean + m·p) ÷ (accepted + m)         last 90 days, same prior
 * continuity  = min(good visits to this elder, 3) ÷ 3, and 0 if any visit to the elder was rated bad
 * fairness    = 1 − min(jobs today, 6) ÷ 6
 * language    = 1 if the provider speaks the elder's preferred language, else 0
 * </pre>
 *
 * Every score is in 0..1; ties are broken by travel time, then provider id.
 */
public final class Ranker {

    private final RankingSettings settings;

    public Ranker(RankingSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public Ranker() {
        this(RankingSettings.defaults());
    }

    public RankingSettings settings() {
        return settings;
    }

    public Score score(ProviderFacts provider, double travelMinutes, RankingInput input) {
        List<ScoreComponent> parts = new ArrayList<>();

        double travel = clamp(1.0 - travelMinutes / input.travelLimitMinutes());
        parts.add(part(
                Component.TRAVEL,
                travel,
                fmt("%.1f of %.0f min by %s", travelMinutes, input.travelLimitMinutes(), provider.travelMode())));

        RatingCounts rating = provider.ratingFor(input.service());
        parts.add(part(
                Component.RATING,
                settings.smoothed(rating.good(), rating.total()),
                fmt(
                        "%d good of %d rated for %s, smoothed with prior %.2f × %.0f",
                        rating.good(), rating.total(), input.service(), settings.priorMean(), settings.priorWeight())));

        RatingCounts reliability = provider.reliability();
        parts.add(part(
                Component.RELIABILITY,
                settings.smoothed(reliability.good(), reliability.total()),
                fmt("%d of %d accepted jobs completed in 90 days, smoothed", reliability.good(), reliability.total())));

        long good = 0;
        long bad = 0;
        for (ElderVisit visit : input.elderVisits()) {
            if (visit.providerId().equals(provider.providerId())) {
                good += visit.rating() == ElderVisit.VisitRating.GOOD ? 1 : 0;
                bad += visit.rating() == ElderVisit.VisitRating.BAD ? 1 : 0;
            }
        }
        double continuity =
                bad > 0 ? 0.0 : Math.min(good, settings.continuityCap()) / (double) settings.continuityCap();
        parts.add(part(
                Component.CONTINUITY,
                continuity,
                good == 0 && bad == 0
                        ? "has not served this elder before"
                        : fmt("served this elder before: %d rated good, %d rated bad", good, bad)));

        double fairness = 1.0 - Math.min(provider.jobsToday(), settings.loadCap()) / (double) settings.loadCap();
        parts.add(part(Component.FAIRNESS, fairness, fmt("%d jobs already today", provider.jobsToday())));

        boolean shares =
                input.preferredLanguage() != null && provider.languages().contains(input.preferredLanguage());
        parts.add(part(
                Component.LANGUAGE,
                shares ? 1.0 : 0.0,
                input.preferredLanguage() == null
                        ? "elder states no language preference"
                        : (shares ? "speaks " : "does not speak ") + input.preferredLanguage()));

        double total = parts.stream().mapToDouble(ScoreComponent::points).sum();
        return new Score(total, parts);
    }

    private ScoreComponent part(Component component, double value, String explanation) {
        double weight = settings.weight(component);
        return new ScoreComponent(component, value, weight, value * weight, explanation);
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
