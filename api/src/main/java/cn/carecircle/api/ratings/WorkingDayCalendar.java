package cn.carecircle.api.ratings;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * The Chinese working-day calendar: Monday to Friday are working days unless they are a HOLIDAY; Saturday and
 * Sunday are days off unless they are a WORKDAY (调休上班, the make-up working days the State Council's notice
 * moves onto weekends). Years the calendar does not know count weekends only.
 *
 * <p>A deadline is provisional when it was counted over any day of a year that is not OFFICIAL (a provisional
 * year has only the statutory holidays; an unknown year none at all): it may move once the notice is entered.
 */
public final class WorkingDayCalendar {

    public enum DayKind {
        HOLIDAY,
        WORKDAY
    }

    public enum YearStatus {
        OFFICIAL,
        PROVISIONAL
    }

    /** The last working day of a period, and whether a non-official year was crossed counting it. */
    public record Deadline(LocalDate date, boolean provisional) {}

    private final Map<Integer, YearStatus> years;
    private final Map<LocalDate, DayKind> days;

    public WorkingDayCalendar(Map<Integer, YearStatus> years, Map<LocalDate, DayKind> days) {
        this.years = Map.copyOf(years);
        this.days = Map.copyOf(days);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = days.get(day);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The {@code n}-th working day after {@code from} ({@code from} itself does not count), {@code n >= 1}. */
    public Deadline addWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        LocalDate day = from;
        boolean provisional = false;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            provisional |= years.get(day.getYear()) != YearStatus.OFFICIAL;
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return new Deadline(day, provisional);
    }
}
