package cn.carecircle.api.community;

import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class PriceListRepository {

    private final DatabaseClient db;

    PriceListRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<PriceListEntry> findByCommunity(UUID communityId) {
        return db.sql("""
                        select service, duration_minutes, price_fen, subsidy_eligible, time_bank_minutes
                        from price_list_entry where community_id = :c order by service, duration_minutes
                        """).bind("c", communityId).map(PriceListRepository::read).all();
    }

    Mono<Void> replace(UUID communityId, List<PriceListEntry> entries) {
        return db.sql("delete from price_list_entry where community_id = :c")
                .bind("c", communityId)
                .then()
                .thenMany(Flux.fromIterable(entries)
                        .concatMap(e -> Sql.bindNullable(
                                        db.sql("""
                                                insert into price_list_entry (community_id, service, duration_minutes,
                                                    price_fen, subsidy_eligible, time_bank_minutes)
                                                values (:c, :service, :duration, :price, :subsidy, :minutes)
                                                """)
                                                .bind("c", communityId)
                                                .bind("service", e.service().name())
                                                .bind("duration", e.durationMinutes())
                                                .bind("price", e.priceFen())
                                                .bind("subsidy", e.subsidyEligible()),
                                        "minutes",
                                        e.timeBankMinutes(),
                                        Integer.class)
                                .then()))
                .then();
    }

    private static PriceListEntry read(Readable row) {
        return new PriceListEntry(
                ServiceType.valueOf(row.get("service", String.class)),
                row.get("duration_minutes", Integer.class),
                row.get("price_fen", Long.class),
                row.get("subsidy_eligible", Boolean.class),
                row.get("time_bank_minutes", Integer.class));
    }
}
