package cn.carecircle.api.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.carecircle.api.ratings.WorkingDayCalendar.DayKind;
import cn.carecircle.api.ratings.WorkingDayCalendar.Deadline;
import cn.carecircle.api.ratings.WorkingDayCalendar.YearStatus;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Working-day arithmetic on fixture calendars: weekends, holidays on weekdays, make-up working days on weekends. */
class WorkingDayCalendarTest {

    /** A fixture year in the manner of a State Council notice: a 9-day festival with two make-up Saturdays. */
    private static WorkingDayCalendar festival(YearStatus status) {
        Map<LocalDate, DayKind> days = new HashMap<>();
        days.put(LocalDate.of(2031, 3, 8), DayKind.WORKDAY); // Saturday before
        for (LocalDate d = LocalDate.of(2031, 3, 9); !d.isAfter(LocalDate.of(2031, 3, 17)); d = d.plusDays(1)) {
            days.put(d, DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2031, 3, 22), DayKind.WORKDAY); // Saturday after
        return new WorkingDayCalendar(Map.of(2031, status), days);
    }

    /** The seeded 2026 (国办发明电〔2025〕7号) around 春节 and 国庆节, as the migration enters it. */
    private static WorkingDayCalendar official2026() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        days.put(LocalDate.of(2026, 2, 14), DayKind.WORKDAY);
        for (int d = 15; d <= 23; d++) {
            days.put(LocalDate.of(2026, 2, d), DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 2, 28), DayKind.WORKDAY);
        for (int d = 25; d <= 27; d++) {
            days.put(LocalDate.of(2026, 9, d), DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 9, 20), DayKind.WORKDAY);
        for (int d = 1; d <= 7; d++) {
            days.put(LocalDate.of(2026, 10, d), DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 10, 10), DayKind.WORKDAY);
        return new WorkingDayCalendar(Map.of(2026, YearStatus.OFFICIAL), days);
    }

    @Test
    void weekdaysAreWorkingDaysAndWeekendsAreNotWhenTheCalendarSaysNothing() {
        WorkingDayCalendar calendar = new WorkingDayCalendar(Map.of(2026, YearStatus.OFFICIAL), Map.of());
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 23))).isTrue(); // Monday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 29))).isFalse(); // Sunday
        // Monday 23 November: Tue..Fri are 1..4, Monday 30th the 5th
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 23), 5))
                .isEqualTo(new Deadline(LocalDate.of(2026, 11, 30), false));
    }

    @Test
    void aDeadlineAcrossTheFestivalSkipsItsHolidaysAndCountsTheMakeUpSaturday() {
        WorkingDayCalendar calendar = festival(YearStatus.OFFICIAL);
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 3, 8))).isTrue(); // make-up Saturday
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 3, 10))).isFalse(); // holiday Monday
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 3, 29))).isFalse(); // plain Saturday
        // opened Thursday 6 March: Fri 7 (1), Sat 8 make-up (2), 9..17 holidays, Tue 18 (3), Wed 19 (4), Thu 20 (5)
        assertThat(calendar.addWorkingDays(LocalDate.of(2031, 3, 6), 5))
                .isEqualTo(new Deadline(LocalDate.of(2031, 3, 20), false));
        // opened Monday 17 March (a holiday): Tue 18..Fri 21 are 1..4, Saturday 22 (make-up) the 5th
        assertThat(calendar.addWorkingDays(LocalDate.of(2031, 3, 17), 5))
                .isEqualTo(new Deadline(LocalDate.of(2031, 3, 22), false));
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        // Thursday before 春节: Fri 13 (1), Sat 14 make-up (2), 15..23 off, 24 (3), 25 (4), 26 (5)
        "2026-02-12, 5, 2026-02-26",
        // 中秋 and 国庆: Thu 24 Sep; 25..27 off, 28 (1), 29 (2), 30 (3), 1..7 Oct off, 8 (4), 9 (5), Sat 10 make-up (6)
        "2026-09-24, 5, 2026-10-09",
        "2026-09-24, 6, 2026-10-10",
        // the make-up Sunday before 国庆 is a working day: from Saturday 19 Sep, the 1st working day is Sunday 20
        "2026-09-19, 1, 2026-09-20",
        // the 2026 make-up Saturday after 春节: from Friday 27 Feb the 1st working day is Saturday 28
        "2026-02-27, 1, 2026-02-28"
    })
    void theOfficial2026ScheduleIsCountedAsTheNoticeSays(LocalDate from, int n, LocalDate due) {
        assertThat(official2026().addWorkingDays(from, n)).isEqualTo(new Deadline(due, false));
    }

    @Test
    void aDeadlineCountedOverAProvisionalOrUnknownYearIsProvisional() {
        assertThat(festival(YearStatus.PROVISIONAL).addWorkingDays(LocalDate.of(2031, 3, 6), 5))
                .isEqualTo(new Deadline(LocalDate.of(2031, 3, 20), true));
        // 2026 is official, 2027 unknown here: a deadline from 28 December 2026 runs into 2027
        Deadline intoNextYear = official2026().addWorkingDays(LocalDate.of(2026, 12, 28), 5);
        assertThat(intoNextYear).isEqualTo(new Deadline(LocalDate.of(2027, 1, 4), true));
        // one that stays inside 2026 is not
        assertThat(official2026().addWorkingDays(LocalDate.of(2026, 12, 21), 5).provisional())
                .isFalse();
    }

    @Test
    void fewerThanOneWorkingDayIsRefused() {
        assertThatThrownBy(() -> official2026().addWorkingDays(LocalDate.of(2026, 1, 5), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
