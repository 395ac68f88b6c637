package cn.carecircle.matching.ranking;

/** The parts of the ranking score; each is a value in 0..1 times its weight. */
public enum Component {
    /** 1 − travel minutes ÷ limit: the nearer in time, the higher. */
    TRAVEL,
    /** Smoothed good-rating rate for the service. */
    RATING,
    /** Smoothed share of accepted jobs completed without a provider cancellation or no-show. */
    RELIABILITY,
    /** Earlier well-rated visits to this elder (none if any was rated bad). */
    CONTINUITY,
    /** Fewer jobs today ranks higher, to share the work. */
    FAIRNESS,
    /** Speaks the elder's preferred language. */
    LANGUAGE
}
