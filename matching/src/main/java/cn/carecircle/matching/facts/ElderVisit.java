package cn.carecircle.matching.facts;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An earlier visit of a provider to the elder of the request, and how the family rated it.
 *
 * @param providerId who served
 * @param day when
 * @param rating the rating, {@link VisitRating#NONE} when not rated
 */
public record ElderVisit(String providerId, LocalDate day, VisitRating rating) {

    public ElderVisit {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(rating, "rating");
    }

    /** The five-level rating collapsed into good (非常满意, 满意, 基本满意) and bad (不满意, 非常不满意). */
    public enum VisitRating {
        GOOD,
        BAD,
        NONE
    }
}
