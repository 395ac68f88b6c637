package cn.carecircle.api.notifications;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class DeviceTokenRepository {

    private static final String COLUMNS = "id, token, account_id, platform, registered_at, last_seen_at";

    private final DatabaseClient db;

    DeviceTokenRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Registers a token for an account, or refreshes it. A token registered by another account moves to this one
     * (the device changed hands) and counts as newly registered.
     */
    Mono<DeviceToken> upsert(UUID accountId, String token, DevicePlatform platform, Instant now) {
        return db.sql("""
                        insert into device_token (id, token, account_id, platform, registered_at, last_seen_at)
                        values (:id, :token, :account, :platform, :now, :now)
                        on conflict (token) do update set
                            registered_at = case when device_token.account_id = excluded.account_id
                                then device_token.registered_at else excluded.registered_at end,
                            account_id = excluded.account_id,
                            platform = excluded.platform,
                            last_seen_at = excluded.last_seen_at
                        returning id, token, account_id, platform, registered_at, last_seen_at
                        """)
                .bind("id", UUID.randomUUID())
                .bind("token", token)
                .bind("account", accountId)
                .bind("platform", platform.name())
                .bind("now", now)
                .map(DeviceTokenRepository::read)
                .one();
    }

    /** Keeps an account's {@code keep} devices seen most recently and removes the others. */
    Mono<Long> keepNewest(UUID accountId, int keep) {
        return db.sql("""
                        delete from device_token where account_id = :account and id not in (
                            select id from device_token where account_id = :account
                            order by last_seen_at desc, registered_at desc, id limit :keep)
                        """).bind("account", accountId).bind("keep", keep).fetch().rowsUpdated();
    }

    Mono<Long> delete(UUID accountId, String token) {
        return db.sql("delete from device_token where account_id = :account and token = :token")
                .bind("account", accountId)
                .bind("token", token)
                .fetch()
                .rowsUpdated();
    }

    Flux<DeviceToken> findByAccounts(Collection<UUID> accountIds) {
        return db.sql("select " + COLUMNS + " from device_token where account_id = any(:accounts)")
                .bind("accounts", accountIds.toArray(UUID[]::new))
                .map(DeviceTokenRepository::read)
                .all();
    }

    Mono<Long> deleteByIds(Collection<UUID> ids) {
        return db.sql("delete from device_token where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    private static DeviceToken read(Readable row) {
        return new DeviceToken(
                row.get("id", UUID.class),
                row.get("token", String.class),
                row.get("account_id", UUID.class),
                DevicePlatform.valueOf(row.get("platform", String.class)),
                row.get("registered_at", Instant.class),
                row.get("last_seen_at", Instant.class));
    }
}
