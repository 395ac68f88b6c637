package cn.carecircle.matching;

/** Whether an order is served now (live positions) or scheduled (home base and working hours). */
public enum Timing {
    /** As soon as possible: candidates come from the live index. */
    NOW,
    /** A window later today or another day: candidates start from their home base. */
    SCHEDULED
}
