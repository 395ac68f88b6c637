package cn.carecircle.matching.ranking;

import java.util.EnumMap;
import java.util.Map;

/**
 * Weights and smoothing of the ranking score.
 *
 * <p>Rates are smoothed with a Beta prior (Bayesian average): {@code (good + m × p) / (total + m)}
 * with prior mean {@code p} = {@link #priorMean} (default 0.9, about the platform's share of good
 * ratings) and prior weight {@code m} = {@link #priorWeight} (default 10 pseudo-votes). A new
 * provider starts at 0.9; one bad vote moves them to 9/11 ≈ 0.82, not to 0; it takes dozens of votes
 * before the provider's own record dominates. Reliability uses the same prior.
 *
 * @param weights weight per component, every component present, not negative, summing to 1
 * @param priorMean prior mean of the smoothed rates, in 0..1
 * @param priorWeight prior weight in pseudo-votes, positive
 * @param loadCap jobs today at which fairness reaches 0 (default 6)
 * @param continuityCap well-rated earlier visits at which continuity reaches 1 (default 3)
 */
public record RankingSettings(
        Map<Component, Double> weights, double priorMean, double priorWeight, int loadCap, int continuityCap) {

    public RankingSettings {
        Map<Component, Double> copy = new EnumMap<>(Component.class);
        double sum = 0;
        for (Component c : Component.values()) {
            Double w = weights.get(c);
            if (w == null || !(w >= 0.0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weight of " + c + " must be a non-negative number, was " + w);
            }
            copy.put(c, w);
            sum += w;
        }
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("weights must sum to 1, sum to " + sum);
        }
        weights = Map.copyOf(copy);
        if (!(priorMean >= 0.0 && priorMean <= 1.0)) {
            throw new IllegalArgumentException("priorMean must be in 0..1");
        }
        if (!(priorWeight > 0.0) || !Double.isFinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight must be positive");
        }
        if (loadCap < 1 || continuityCap < 1) {
            throw new IllegalArgumentException("loadCap and continuityCap must be positive");
        }
    }

    /**
     * Travel 0.30, rating 0.25, reliability 0.15, continuity 0.15, fairness 0.10, language 0.05; prior
     * 0.9 with weight 10; load cap 6; continuity cap 3.
     */
    public static RankingSettings defaults() {
        Map<Component, Double> weights = new EnumMap<>(Component.class);
        weights.put(Component.TRAVEL, 0.30);
        weights.put(Component.RATING, 0.25);
        weights.put(Component.RELIABILITY, 0.15);
        weights.put(Component.CONTINUITY, 0.15);
        weights.put(Component.FAIRNESS, 0.10);
        weights.put(Component.LANGUAGE, 0.05);
        return new RankingSettings(weights, 0.9, 10.0, 6, 3);
    }

    public double weight(Component component) {
        return weights.get(component);
    }

    /** The Bayesian average {@code (good + m × p) / (total + m)}. */
    public double smoothed(long good, long total) {
        return (good + priorWeight * priorMean) / (total + priorWeight);
    }
}
