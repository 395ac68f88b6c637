package cn.carecircle.matching.eligibility;

/**
 * The eligibility rules. A hard rule can never be overridden, not even by a worker's manual
 * assignment; a soft rule can, with a reason the api audits.
 */
public enum Rule {
    /** The api has facts about the provider at all. */
    PROVIDER_KNOWN(true, "provider is known"),
    /** The provider offers the service. */
    OFFERS_SERVICE(true, "offers the service"),
    /** A verified credential of a kind the service accepts, valid on the service day. */
    VERIFIED_CREDENTIAL(true, "holds a verified credential valid on the service day"),
    /** Not suspended. */
    NOT_SUSPENDED(true, "not suspended"),
    /** No assigned job overlaps the window. */
    FREE_IN_WINDOW(true, "free in the time window"),
    /** The elder's gender requirement, for services where it applies (bathing). */
    GENDER_REQUIREMENT(true, "meets the elder's gender requirement"),
    /**
     * Volunteers serve time-bank orders only, paid providers paid orders only. Hard, because a
     * volunteer cannot be paid money nor a paid provider in minutes.
     */
    SETTLEMENT_KIND(true, "may serve this kind of settlement"),
    /** The two seats of a two-caregiver order are never filled by the same provider. */
    DISTINCT_CAREGIVERS(true, "not already in the order's other seat"),
    /** Estimated travel time within the community's limit. */
    WITHIN_TRAVEL_LIMIT(false, "within the travel-time limit"),
    /** For scheduled orders: the window lies inside the provider's working hours. */
    WITHIN_WORKING_HOURS(false, "inside working hours");

    private final boolean hard;
    private final String description;

    Rule(boolean hard, String description) {
        this.hard = hard;
        this.description = description;
    }

    public boolean hard() {
        return hard;
    }

    /** What the rule demands, in words a community worker reads. */
    public String description() {
        return description;
    }
}
