package cn.carecircle.matching.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open interval [start, end) of time; never empty.
 *
 * @param start inclusive
 * @param end exclusive, after start
 */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        InvalidMatchRequestException.require(start, "window.start");
        InvalidMatchRequestException.require(end, "window.end");
        if (!end.isAfter(start)) {
            throw new InvalidMatchRequestException(
                    "window", "non-empty", "window must end after it starts, was " + start + " .. " + end);
        }
    }

    public static TimeWindow of(Instant start, Duration length) {
        return new TimeWindow(start, start.plus(length));
    }

    /** Whether the two windows share any instant (touching ends do not overlap). */
    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(TimeWindow other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
