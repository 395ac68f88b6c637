package cn.carecircle.api.accounts;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class AccountRepository {

    private final DatabaseClient db;

    AccountRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Account> findByUid(String uid) {
        return db.sql("""
                        select a.id, a.firebase_uid, a.display_name, a.roles,
                               coalesce(array_agg(s.community_id) filter (where s.community_id is not null), '{}') as communities
                        from account a left join staff_community s on s.account_id = a.id
                        where a.firebase_uid = :uid
                        group by a.id
                        """)
                .bind("uid", uid)
                .map((row, meta) -> new Account(
                        row.get("id", UUID.class),
                        row.get("firebase_uid", String.class),
                        row.get("display_name", String.class),
                        Sql.enumSet(row.get("roles", String[].class), Role.class),
                        new HashSet<>(java.util.Arrays.asList(row.get("communities", UUID[].class)))))
                .one();
    }

    Mono<Void> insert(
            UUID id, String uid, String displayName, String phoneEnc, String phoneBidx, Set<Role> roles, Instant at) {
        var spec = db.sql("""
                        insert into account (id, firebase_uid, display_name, phone_enc, phone_bidx, roles, created_at)
                        values (:id, :uid, :name, :phoneEnc, :phoneBidx, :roles, :at)
                        """)
                .bind("id", id)
                .bind("uid", uid)
                .bind("name", displayName)
                .bind("roles", Sql.names(roles))
                .bind("at", at);
        spec = Sql.bindNullable(spec, "phoneEnc", phoneEnc, String.class);
        spec = Sql.bindNullable(spec, "phoneBidx", phoneBidx, String.class);
        return spec.then();
    }

    Mono<Void> addRole(UUID id, Role role) {
        return db.sql(
                        "update account set roles = array_append(roles, :role) where id = :id and not (:role = any(roles))")
                .bind("id", id)
                .bind("role", role.name())
                .then();
    }

    Mono<Void> addCommunities(UUID accountId, Collection<UUID> communityIds) {
        return Flux.fromIterable(communityIds)
                .concatMap(c -> db.sql("""
                                insert into staff_community (account_id, community_id) values (:a, :c)
                                on conflict do nothing
                                """).bind("a", accountId).bind("c", c).then())
                .then();
    }
}
