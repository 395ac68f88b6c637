package cn.carecircle.api.timebank;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class RuleRepository {

    private static final String COLUMNS = """
            version, effective_from, daily_earning_cap, lifetime_earning_cap, gift_max_minutes,
            gift_max_minutes_per_month, min_redeem_age, free_for_special_difficulty""";

    private final DatabaseClient db;

    RuleRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The version in force on a day: the newest one effective on or before it. */
    Mono<Rules> inForce(UUID communityId, LocalDate day) {
        return db.sql("select " + COLUMNS + """
                         from timebank_rule where community_id = :c and effective_from <= :day
                        order by version desc limit 1
                        """)
                .bind("c", communityId)
                .bind("day", day)
                .map(RuleRepository::read)
                .one();
    }

    Flux<Rules> versions(UUID communityId) {
        return db.sql("select " + COLUMNS + " from timebank_rule where community_id = :c order by version desc")
                .bind("c", communityId)
                .map(RuleRepository::read)
                .all();
    }

    /** Adds the next version; two operators at once collide on the primary key and one gets a 409. */
    Mono<Void> insertNext(UUID communityId, Rules r, UUID by, Instant at) {
        return db.sql("""
                        insert into timebank_rule (community_id, version, effective_from, daily_earning_cap,
                            lifetime_earning_cap, gift_max_minutes, gift_max_minutes_per_month, min_redeem_age,
                            free_for_special_difficulty, created_by, created_at)
                        select :c, coalesce(max(version), 0) + 1, :from, :daily, :lifetime, :gift, :giftMonth, :age,
                            :free, :by, :at
                        from timebank_rule where community_id = :c
                        """)
                .bind("c", communityId)
                .bind("from", r.effectiveFrom())
                .bind("daily", r.dailyEarningCap())
                .bind("lifetime", r.lifetimeEarningCap())
                .bind("gift", r.giftMaxMinutes())
                .bind("giftMonth", r.giftMaxMinutesPerMonth())
                .bind("age", r.minRedeemAge())
                .bind("free", r.freeForSpecialDifficulty())
                .bind("by", by)
                .bind("at", at)
                .then();
    }

    private static Rules read(Readable row) {
        return new Rules(
                row.get("version", Integer.class),
                row.get("effective_from", LocalDate.class),
                row.get("daily_earning_cap", Integer.class),
                row.get("lifetime_earning_cap", Long.class),
                row.get("gift_max_minutes", Integer.class),
                row.get("gift_max_minutes_per_month", Integer.class),
                row.get("min_redeem_age", Integer.class),
                row.get("free_for_special_difficulty", Boolean.class));
    }
}
