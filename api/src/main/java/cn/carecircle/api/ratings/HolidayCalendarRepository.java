package cn.carecircle.api.ratings;

import cn.carecircle.api.common.Sql;
import cn.carecircle.api.ratings.WorkingDayCalendar.DayKind;
import cn.carecircle.api.ratings.WorkingDayCalendar.YearStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class HolidayCalendarRepository {

    private final DatabaseClient db;

    HolidayCalendarRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<HolidayCalendars.Year> years() {
        return db.sql("select year, status, notice, entered_by, entered_at from holiday_calendar order by year")
                .map(HolidayCalendarRepository::readYear)
                .all();
    }

    Mono<HolidayCalendars.Year> year(int year) {
        return db.sql("select year, status, notice, entered_by, entered_at from holiday_calendar where year = :y")
                .bind("y", (short) year)
                .map(HolidayCalendarRepository::readYear)
                .one()
                .flatMap(y -> days(year, year).collectList().map(y::withDays));
    }

    Flux<HolidayCalendars.Day> days(int fromYear, int toYear) {
        return db.sql("""
                        select day, kind, name from holiday_calendar_day
                        where year between :from and :to order by day
                        """)
                .bind("from", (short) fromYear)
                .bind("to", (short) toYear)
                .map(row -> new HolidayCalendars.Day(
                        row.get("day", LocalDate.class),
                        DayKind.valueOf(row.get("kind", String.class)),
                        row.get("name", String.class)))
                .all();
    }

    /** Replaces a year's entry and days. */
    Mono<Void> replace(
            int year, YearStatus status, String notice, UUID by, Instant at, List<HolidayCalendars.Day> days) {
        var upsert = db.sql("""
                        insert into holiday_calendar (year, status, notice, entered_by, entered_at)
                        values (:y, :status, :notice, :by, :at)
                        on conflict (year) do update set status = excluded.status, notice = excluded.notice,
                            entered_by = excluded.entered_by, entered_at = excluded.entered_at
                        """)
                .bind("y", (short) year)
                .bind("status", status.name())
                .bind("by", by)
                .bind("at", at);
        upsert = Sql.bindNullable(upsert, "notice", notice, String.class);
        Mono<Void> clear = db.sql("delete from holiday_calendar_day where year = :y")
                .bind("y", (short) year)
                .then();
        Flux<Long> insert = Flux.fromIterable(days)
                .concatMap(d -> db.sql("""
                                insert into holiday_calendar_day (day, year, kind, name)
                                values (:day, :y, :kind, :name)
                                """)
                        .bind("day", d.date())
                        .bind("y", (short) year)
                        .bind("kind", d.kind().name())
                        .bind("name", d.name())
                        .fetch()
                        .rowsUpdated());
        return upsert.then().then(clear).thenMany(insert).then();
    }

    private static HolidayCalendars.Year readYear(Readable row) {
        return new HolidayCalendars.Year(
                row.get("year", Short.class).intValue(),
                YearStatus.valueOf(row.get("status", String.class)),
                row.get("notice", String.class),
                row.get("entered_by", UUID.class),
                row.get("entered_at", Instant.class),
                List.of());
    }
}
