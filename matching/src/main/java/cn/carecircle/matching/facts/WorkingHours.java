package cn.carecircle.matching.facts;

import cn.carecircle.matching.domain.TimeWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's weekly working hours in their zone (Asia/Shanghai in practice). A scheduled job must
 * lie inside one shift of its start day.
 *
 * @param zone the zone the shifts are read in
 * @param shifts per weekday, the shifts (start inclusive, end exclusive, same day)
 */
public record WorkingHours(ZoneId zone, Map<DayOfWeek, List<Shift>> shifts) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public WorkingHours {
        Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, List<Shift>> copy = new EnumMap<>(DayOfWeek.class);
        shifts.forEach((day, list) -> copy.put(day, List.copyOf(list)));
        shifts = Map.copyOf(copy);
    }

    /** The same shift on every day of the week. */
    public static WorkingHours everyDay(ZoneId zone, LocalTime from, LocalTime to) {
        Map<DayOfWeek, List<Shift>> shifts = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            shifts.put(day, List.of(new Shift(from, to)));
        }
        return new WorkingHours(zone, shifts);
    }

    /** Works around the clock: for providers who set no hours. */
    public static WorkingHours always() {
        return everyDay(CHINA, LocalTime.MIN, LocalTime.MAX);
    }

    /** Whether the whole window falls inside one shift of its start day. */
    public boolean covers(TimeWindow window) {
        ZonedDateTime start = window.start().atZone(zone);
        ZonedDateTime end = window.end().atZone(zone);
        for (Shift shift : shifts.getOrDefault(start.getDayOfWeek(), List.of())) {
            ZonedDateTime from = start.toLocalDate().atTime(shift.from()).atZone(zone);
            ZonedDateTime to = shift.to().equals(LocalTime.MAX)
                    ? start.toLocalDate().plusDays(1).atStartOfDay(zone)
                    : start.toLocalDate().atTime(shift.to()).atZone(zone);
            if (!start.isBefore(from) && !end.isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    /** One shift; {@link LocalTime#MAX} as the end means midnight. */
    public record Shift(LocalTime from, LocalTime to) {
        public Shift {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("shift must end after it starts: " + from + ".." + to);
            }
        }
    }
}
