package cn.carecircle.api.ratings;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.ratings.WorkingDayCalendar.DayKind;
import cn.carecircle.api.ratings.WorkingDayCalendar.Deadline;
import cn.carecircle.api.ratings.WorkingDayCalendar.YearStatus;
import cn.carecircle.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The working-day calendar as data: one entry per year (OFFICIAL from the State Council's notice, or PROVISIONAL
 * with the statutory holidays only) that a community worker or the operator maintains, and the deadlines counted
 * on it.
 */
@Service
public class HolidayCalendars {

    public record Day(LocalDate date, DayKind kind, String name) {}

    public record Year(int year, YearStatus status, String notice, UUID enteredBy, Instant enteredAt, List<Day> days) {
        Year withDays(List<Day> list) {
            return new Year(year, status, notice, enteredBy, enteredAt, list);
        }
    }

    /** A year's calendar as a worker or the operator enters it. */
    public record Input(YearStatus status, String notice, List<Day> days) {}

    /** When a period of working days ends: the last working day, the instant it ends, whether provisional. */
    public record Due(LocalDate on, Instant at, boolean provisional) {}

    /** Working days never span more than this many calendar years ahead of the start. */
    private static final int YEARS_AHEAD = 1;

    private final HolidayCalendarRepository repository;
    private final FollowUpRepository followUps;
    private final AuditService audit;
    private final RatingsProperties properties;
    private final Clock clock;

    HolidayCalendars(
            HolidayCalendarRepository repository,
            FollowUpRepository followUps,
            AuditService audit,
            RatingsProperties properties,
            Clock clock) {
        this.repository = repository;
        this.followUps = followUps;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    Flux<Year> list(Caller caller) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
        return repository.years();
    }

    Mono<Year> get(Caller caller, int year) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
        return repository
                .year(year)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "A calendar for " + year + " (deadlines in it count weekends only, provisionally);")));
    }

    /**
     * Enters a year, replacing what it had, audited. Open follow-up cases whose deadline was provisional are
     * counted again on the new calendar, so an entered notice moves them to their official due date.
     */
    @Transactional
    Mono<Year> put(Caller caller, int year, Input input) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.ADMIN);
        validate(year, input);
        Instant now = clock.instant();
        List<Day> days = input.days().stream()
                .map(d -> new Day(d.date(), d.kind(), d.name().strip()))
                .sorted(java.util.Comparator.comparing(Day::date))
                .toList();
        String notice = input.notice() == null || input.notice().isBlank()
                ? null
                : input.notice().strip();
        return repository
                .replace(year, input.status(), notice, caller.accountId(), now, days)
                .then(audit.record(
                        caller.accountId(),
                        "HOLIDAY_CALENDAR_ENTERED",
                        "HOLIDAY_CALENDAR",
                        subjectId(year),
                        year + " " + input.status() + (notice == null ? "" : " " + notice)))
                .then(recountProvisional())
                .then(repository.year(year));
    }

    private static void validate(int year, Input input) {
        Violations v = new Violations();
        v.check(year >= 2000 && year <= 2100, "year", "range", "must be between 2000 and 2100");
        v.check(
                input.status() != YearStatus.OFFICIAL
                        || (input.notice() != null && !input.notice().isBlank()),
                "notice",
                "required-for-official",
                "an official year names the State Council's notice it follows");
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < input.days().size(); i++) {
            Day d = input.days().get(i);
            String field = "days[" + i + "]";
            v.check(d.date().getYear() == year, field + ".date", "in-year", "must be a day of " + year);
            v.check(seen.add(d.date()), field + ".date", "unique", "each day is entered once");
            v.check(
                    d.kind() != DayKind.WORKDAY
                            || d.date().getDayOfWeek() == DayOfWeek.SATURDAY
                            || d.date().getDayOfWeek() == DayOfWeek.SUNDAY,
                    field + ".kind",
                    "workday-on-weekend",
                    "a make-up working day (调休上班) falls on a Saturday or Sunday");
            v.check(d.name() != null && !d.name().isBlank(), field + ".name", "required", "must not be blank");
        }
        v.throwIfAny();
    }

    private Mono<Void> recountProvisional() {
        return followUps
                .openProvisional()
                .concatMap(c -> due(c.openedAt()).flatMap(due -> followUps.moveDue(c.id(), due)))
                .then();
    }

    /** The due date of a period of the configured working days opened at {@code openedAt}. */
    Mono<Due> due(Instant openedAt) {
        LocalDate from = openedAt.atZone(properties.zone()).toLocalDate();
        return calendarFrom(from.getYear()).map(calendar -> {
            Deadline deadline = calendar.addWorkingDays(from, properties.followUpWorkingDays());
            Instant end =
                    deadline.date().plusDays(1).atStartOfDay(properties.zone()).toInstant();
            return new Due(deadline.date(), end, deadline.provisional());
        });
    }

    /**
     * The working-day calendar from the start of {@code year} to a few years on: official years as entered,
     * others by weekends only (provisional). For other features that count or pick working days.
     */
    public Mono<WorkingDayCalendar> calendar(int year) {
        return calendarFrom(year);
    }

    private Mono<WorkingDayCalendar> calendarFrom(int year) {
        int to = year + YEARS_AHEAD;
        return Mono.zip(
                        repository
                                .years()
                                .filter(y -> y.year() >= year && y.year() <= to)
                                .collectMap(Year::year, Year::status),
                        repository.days(year, to).collectList())
                .map(t -> {
                    Map<LocalDate, DayKind> days = new HashMap<>();
                    t.getT2().forEach(d -> days.put(d.date(), d.kind()));
                    return new WorkingDayCalendar(t.getT1(), days);
                });
    }

    /** Audit events name their subject by id: a year's calendar has a stable one derived from the year. */
    static UUID subjectId(int year) {
        return UUID.nameUUIDFromBytes(("holiday-calendar:" + year).getBytes(StandardCharsets.UTF_8));
    }
}
