package cn.carecircle.matching;

import cn.carecircle.matching.eligibility.EligibilityCheck;
import cn.carecircle.matching.eligibility.EligibilityRules;
import cn.carecircle.matching.eligibility.Rule;
import cn.carecircle.matching.eligibility.Violation;
import cn.carecircle.matching.facts.ProviderFacts;
import cn.carecircle.matching.facts.ProviderFactsSource;
import cn.carecircle.matching.index.Candidate;
import cn.carecircle.matching.index.CandidateIndex;
import cn.carecircle.matching.index.CandidateQuery;
import cn.carecircle.matching.ranking.Ranker;
import cn.carecircle.matching.ranking.RankingInput;
import cn.carecircle.matching.ranking.Score;
import cn.carecircle.matching.travel.TravelTimeModel;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Decides who may serve a request and in what order.
 *
 * <ul>
 *   <li>{@link Timing#NOW}: candidates are the present providers the {@link CandidateIndex} finds
 *       within the limit of the elder; their facts come from the {@link ProviderFactsSource}.
 *   <li>{@link Timing#SCHEDULED}: candidates are every provider of the region offering the service,
 *       placed at their home base; their working hours must cover the window.
 * </ul>
 *
 * Every candidate is checked against every rule ({@link EligibilityRules}); the eligible ones are
 * scored by the {@link Ranker} and sorted (score, then travel time, then id); the others are returned
 * with their reasons. Offer rounds are not made here: the api's dispatch does that with the ranking.
 */
public final class MatchingEngine {

    /** Eligible providers combined into pairs for two-caregiver orders. */
    static final int PAIR_POOL = 12;
    /** Pairs proposed at most. */
    static final int MAX_PAIRS = 20;

    private static final Comparator<RankedCandidate> BEST_FIRST = Comparator.comparingDouble(
                    (RankedCandidate c) -> -c.score().total())
            .thenComparingDouble(RankedCandidate::travelMinutes)
            .thenComparing(RankedCandidate::providerId);

    private final CandidateIndex index;
    private final ProviderFactsSource facts;
    private final TravelTimeModel travelTime;
    private final Ranker ranker;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param zone the zone in which the service day is read for credential validity (Asia/Shanghai)
     */
    public MatchingEngine(
            CandidateIndex index,
            ProviderFactsSource facts,
            TravelTimeModel travelTime,
            Ranker ranker,
            Clock clock,
            ZoneId zone) {
        this.index = Objects.requireNonNull(index);
        this.facts = Objects.requireNonNull(facts);
        this.travelTime = Objects.requireNonNull(travelTime);
        this.ranker = Objects.requireNonNull(ranker);
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
    }

    /** Ranked eligible candidates, the ineligible ones with reasons, and pairs where two are needed. */
    public Mono<MatchResult> match(MatchRequest request) {
        return candidates(request).map(evaluated -> {
            List<RankedCandidate> eligible = new ArrayList<>();
            List<IneligibleCandidate> ineligible = new ArrayList<>();
            for (Evaluated e : evaluated) {
                if (e.violations().isEmpty()) {
                    eligible.add(e.ranked());
                } else {
                    ineligible.add(new IneligibleCandidate(e.providerId(), e.travelMinutes(), e.violations()));
                }
            }
            eligible.sort(BEST_FIRST);
            ineligible.sort(Comparator.comparingDouble(IneligibleCandidate::travelMinutes)
                    .thenComparing(IneligibleCandidate::providerId));
            List<CandidatePair> pairs = request.requirements().caregivers() == 2 ? pairs(eligible) : List.of();
            return new MatchResult(request, clock.instant(), eligible, ineligible, pairs);
        });
    }

    /**
     * Checks a worker's manual choice of one provider for one seat of the request.
     *
     * @param otherSeats providers already holding the order's other seat(s)
     */
    public Mono<OverrideEvaluation> evaluateOverride(MatchRequest request, String providerId, Set<String> otherSeats) {
        EligibilityCheck check = check(request);
        Mono<Placed> placed = request.timing() == Timing.NOW
                ? index.position(request.region(), request.service(), providerId)
                        .map(live -> new Placed(
                                travelTime.minutes(live.position(), request.elderLocation(), live.mode()),
                                RankedCandidate.Origin.LIVE_POSITION))
                : Mono.empty();
        return facts.factsOf(List.of(providerId))
                .filter(f -> f.providerId().equals(providerId))
                .next()
                .flatMap(f -> placed.defaultIfEmpty(new Placed(
                                travelTime.minutes(f.homeBase(), request.elderLocation(), f.travelMode()),
                                RankedCandidate.Origin.HOME_BASE))
                        .map(p -> {
                            List<Violation> violations = new ArrayList<>(EligibilityRules.check(f, check, p.minutes()));
                            if (otherSeats.contains(providerId)) {
                                violations.add(new Violation(
                                        Rule.DISTINCT_CAREGIVERS, "already holds another seat of this order"));
                            }
                            Score score = ranker.score(f, p.minutes(), rankingInput(request));
                            return new OverrideEvaluation(
                                    providerId,
                                    violations.stream().filter(Violation::hard).toList(),
                                    violations.stream().filter(v -> !v.hard()).toList(),
                                    p.minutes(),
                                    p.origin(),
                                    score);
                        }))
                .defaultIfEmpty(new OverrideEvaluation(
                        providerId,
                        List.of(new Violation(Rule.PROVIDER_KNOWN, "no facts for provider " + providerId)),
                        List.of(),
                        Double.NaN,
                        RankedCandidate.Origin.HOME_BASE,
                        null));
    }

    private record Placed(double minutes, RankedCandidate.Origin origin) {}

    private record Evaluated(
            String providerId, double travelMinutes, List<Violation> violations, RankedCandidate ranked) {}

    private Mono<List<Evaluated>> candidates(MatchRequest request) {
        EligibilityCheck check = check(request);
        RankingInput rankingInput = rankingInput(request);
        if (request.timing() == Timing.NOW) {
            CandidateQuery query = new CandidateQuery(
                    request.region(), request.service(), request.elderLocation(), request.travelLimitMinutes());
            return index.search(query).collectList().flatMap(found -> {
                if (found.isEmpty()) {
                    return Mono.just(List.<Evaluated>of());
                }
                Map<String, Candidate> byId = found.stream()
                        .collect(Collectors.toMap(Candidate::providerId, Function.identity(), (a, b) -> a));
                return facts.factsOf(byId.keySet())
                        .filter(f -> byId.containsKey(f.providerId()))
                        .collectMap(ProviderFacts::providerId)
                        .map(known -> {
                            List<Evaluated> out = new ArrayList<>();
                            for (Candidate c : found) {
                                ProviderFacts f = known.get(c.providerId());
                                out.add(
                                        f == null
                                                ? unknown(c.providerId(), c.travelMinutes())
                                                : evaluate(
                                                        f,
                                                        c.travelMinutes(),
                                                        RankedCandidate.Origin.LIVE_POSITION,
                                                        check,
                                                        rankingInput));
                            }
                            return out;
                        });
            });
        }
        return facts.offering(request.service(), request.region())
                .map(f -> evaluate(
                        f,
                        travelTime.minutes(f.homeBase(), request.elderLocation(), f.travelMode()),
                        RankedCandidate.Origin.HOME_BASE,
                        check,
                        rankingInput))
                .collectList();
    }

    private Evaluated evaluate(
            ProviderFacts f,
            double minutes,
            RankedCandidate.Origin origin,
            EligibilityCheck check,
            RankingInput input) {
        List<Violation> violations = EligibilityRules.check(f, check, minutes);
        RankedCandidate ranked = violations.isEmpty()
                ? new RankedCandidate(f.providerId(), minutes, f.travelMode(), origin, ranker.score(f, minutes, input))
                : null;
        return new Evaluated(f.providerId(), minutes, violations, ranked);
    }

    private static Evaluated unknown(String providerId, double minutes) {
        return new Evaluated(
                providerId,
                minutes,
                List.of(new Violation(Rule.PROVIDER_KNOWN, "online, but no facts for provider " + providerId)),
                null);
    }

    private EligibilityCheck check(MatchRequest request) {
        return new EligibilityCheck(
                request.service(),
                request.window().start().atZone(zone).toLocalDate(),
                request.window(),
                request.timing() == Timing.SCHEDULED,
                request.settlement(),
                request.requirements().requiredGender(),
                request.travelLimitMinutes());
    }

    private static RankingInput rankingInput(MatchRequest request) {
        return new RankingInput(
                request.service(),
                request.travelLimitMinutes(),
                request.requirements().preferredLanguage(),
                request.elderVisits());
    }

    /** The best pairs of two different eligible providers, by mean score. */
    static List<CandidatePair> pairs(List<RankedCandidate> bestFirst) {
        List<RankedCandidate> pool = bestFirst.subList(0, Math.min(PAIR_POOL, bestFirst.size()));
        List<CandidatePair> pairs = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            for (int j = i + 1; j < pool.size(); j++) {
                RankedCandidate a = pool.get(i);
                RankedCandidate b = pool.get(j);
                if (a.providerId().equals(b.providerId())) {
                    continue;
                }
                pairs.add(new CandidatePair(a, b, (a.score().total() + b.score().total()) / 2.0));
            }
        }
        pairs.sort(Comparator.comparingDouble((CandidatePair p) -> -p.score())
                .thenComparing(p -> p.first().providerId())
                .thenComparing(p -> p.second().providerId()));
        return pairs.size() > MAX_PAIRS ? List.copyOf(pairs.subList(0, MAX_PAIRS)) : pairs;
    }
}
