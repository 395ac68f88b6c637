package cn.carecircle.api.ratings;

import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.PagedQuery;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class RatingRepository {

    /** What rating needs of an order: who placed it, its state, when it was completed, who served it. */
    record OrderFacts(
            UUID id,
            UUID elderId,
            UUID communityId,
            ServiceType service,
            String status,
            UUID placedBy,
            Instant completedAt,
            List<UUID> providerIds) {}

    /** Raw rating counts of one provider and service. */
    record Counts(UUID providerId, ServiceType service, long good, long bad, long excluded) {}

    static final String FROM = """
            rating r
            left join follow_up_case f on f.rating_id = r.id
            left join rating_appeal a on a.rating_id = r.id""";

    static final String COLUMNS = """
            r.id, r.order_id, r.community_id, r.elder_id, r.service, r.level, r.tags, r.comment, r.rater_account_id,
            r.rater_role, r.rated_at, r.excluded_from_reputation,
            array(select rp.provider_id from rating_provider rp where rp.rating_id = r.id order by rp.provider_id)
                as provider_ids,
            f.id as follow_up_id, f.status as follow_up_status,
            a.id as appeal_id, a.provider_id as appeal_provider_id, a.ground as appeal_ground,
            a.statement as appeal_statement, a.filed_at as appeal_filed_at, a.status as appeal_status,
            a.decided_by as appeal_decided_by, a.decided_at as appeal_decided_at,
            a.decision_reason as appeal_decision_reason""";

    private final DatabaseClient db;

    RatingRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The order's facts. Completion is the check-out time the order records, or else the time of its COMPLETED
     * event on the timeline.
     */
    Mono<OrderFacts> orderFacts(UUID orderId) {
        return db.sql("""
                        select o.id, o.elder_id, o.community_id, o.service, o.status, o.placed_by,
                            coalesce(o.completed_at, (select max(e.at) from order_event e
                                where e.order_id = o.id and e.to_status = 'COMPLETED')) as completed_at,
                            array(select s.provider_id from order_seat s
                                where s.order_id = o.id and s.provider_id is not null order by s.seat_no)
                                as provider_ids
                        from service_order o where o.id = :id
                        """)
                .bind("id", orderId)
                .map(row -> new OrderFacts(
                        row.get("id", UUID.class),
                        row.get("elder_id", UUID.class),
                        row.get("community_id", UUID.class),
                        ServiceType.valueOf(row.get("service", String.class)),
                        row.get("status", String.class),
                        row.get("placed_by", UUID.class),
                        row.get("completed_at", Instant.class),
                        uuids(row.get("provider_ids", UUID[].class))))
                .one();
    }

    /** Inserts the order's rating unless it has one; emits whether this one was inserted. */
    Mono<Boolean> insert(Rating r) {
        var spec = db.sql("""
                        insert into rating (id, order_id, community_id, elder_id, service, level, bad, tags, comment,
                            rater_account_id, rater_role, rated_at)
                        values (:id, :order, :community, :elder, :service, :level, :bad, :tags, :comment, :rater,
                            :role, :at)
                        on conflict (order_id) do nothing
                        """)
                .bind("id", r.id())
                .bind("order", r.orderId())
                .bind("community", r.communityId())
                .bind("elder", r.elderId())
                .bind("service", r.service().name())
                .bind("level", r.level().name())
                .bind("bad", r.bad())
                .bind("tags", Sql.names(r.tags()))
                .bind("rater", r.raterAccountId())
                .bind("role", r.raterRole().name())
                .bind("at", r.ratedAt());
        spec = Sql.bindNullable(spec, "comment", r.comment(), String.class);
        Mono<Boolean> inserted = spec.fetch().rowsUpdated().map(n -> n == 1);
        return inserted.flatMap(done -> done
                ? Flux.fromIterable(r.providerIds())
                        .concatMap(p -> db.sql("insert into rating_provider (rating_id, provider_id) values (:r, :p)")
                                .bind("r", r.id())
                                .bind("p", p)
                                .then())
                        .then(Mono.just(true))
                : Mono.just(false));
    }

    Mono<Rating> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from " + FROM + " where r.id = :id")
                .bind("id", id)
                .map(RatingRepository::read)
                .one();
    }

    Mono<Rating> findByOrder(UUID orderId) {
        return db.sql("select " + COLUMNS + " from " + FROM + " where r.order_id = :order")
                .bind("order", orderId)
                .map(RatingRepository::read)
                .one();
    }

    Mono<Page<Rating>> ofProvider(UUID providerId, PageRequest page) {
        return PagedQuery.from(FROM)
                .where(
                        "exists (select 1 from rating_provider rp where rp.rating_id = r.id and rp.provider_id = :p)",
                        "p",
                        providerId)
                .fetch(db, COLUMNS, "r.rated_at desc, r.id", page, RatingRepository::read);
    }

    /** The provider profile of an account, if it has one. */
    Mono<UUID> providerOfAccount(UUID accountId) {
        return db.sql("select id from provider where account_id = :a")
                .bind("a", accountId)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    Mono<Boolean> insertAppeal(Rating.Appeal a) {
        return db.sql("""
                        insert into rating_appeal (id, rating_id, provider_id, ground, statement, filed_at)
                        values (:id, :rating, :provider, :ground, :statement, :at)
                        on conflict (rating_id) do nothing
                        """)
                .bind("id", a.id())
                .bind("rating", a.ratingId())
                .bind("provider", a.providerId())
                .bind("ground", a.ground().name())
                .bind("statement", a.statement())
                .bind("at", a.filedAt())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** Decides a pending appeal; emits whether it was still pending. An accepted one excludes the rating. */
    Mono<Boolean> decideAppeal(UUID ratingId, boolean accepted, UUID by, Instant at, String reason) {
        Mono<Boolean> decided = db.sql("""
                        update rating_appeal set status = :status, decided_by = :by, decided_at = :at,
                            decision_reason = :reason
                        where rating_id = :rating and status = 'PENDING'
                        """)
                .bind("status", accepted ? "ACCEPTED" : "REJECTED")
                .bind("by", by)
                .bind("at", at)
                .bind("reason", reason)
                .bind("rating", ratingId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
        return decided.flatMap(done -> done && accepted
                ? db.sql("update rating set excluded_from_reputation = true where id = :id")
                        .bind("id", ratingId)
                        .then()
                        .thenReturn(true)
                : Mono.just(done));
    }

    /** Rating counts per provider and service; excluded ones (accepted appeals) apart. */
    Flux<Counts> counts(Collection<UUID> providerIds) {
        if (providerIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        select rp.provider_id, r.service,
                            count(*) filter (where not r.bad and not r.excluded_from_reputation) as good,
                            count(*) filter (where r.bad and not r.excluded_from_reputation) as bad,
                            count(*) filter (where r.excluded_from_reputation) as excluded
                        from rating r join rating_provider rp on rp.rating_id = r.id
                        where rp.provider_id = any(:ids)
                        group by rp.provider_id, r.service
                        """)
                .bind("ids", providerIds.toArray(UUID[]::new))
                .map(row -> new Counts(
                        row.get("provider_id", UUID.class),
                        ServiceType.valueOf(row.get("service", String.class)),
                        row.get("good", Long.class),
                        row.get("bad", Long.class),
                        row.get("excluded", Long.class)))
                .all();
    }

    Flux<Reputations.Visit> visitsOf(UUID elderId, java.time.ZoneId zone) {
        return db.sql("""
                        select s.provider_id, coalesce(o.completed_at, o.window_start) as at,
                            case when r.id is null or r.excluded_from_reputation then null else not r.bad end as good
                        from service_order o
                        join order_seat s on s.order_id = o.id and s.provider_id is not null
                        left join rating r on r.order_id = o.id
                        where o.elder_id = :elder and o.status in ('COMPLETED', 'CONFIRMED')
                        order by at desc
                        limit 50
                        """)
                .bind("elder", elderId)
                .map(row -> new Reputations.Visit(
                        row.get("provider_id", UUID.class),
                        row.get("at", Instant.class).atZone(zone).toLocalDate(),
                        row.get("good", Boolean.class)))
                .all();
    }

    /** The provider's account (for pushes) and whether they are suspended. */
    Mono<ProviderState> providerState(UUID providerId) {
        return db.sql("select account_id, suspended, services from provider where id = :id")
                .bind("id", providerId)
                .map(row -> new ProviderState(
                        providerId,
                        row.get("account_id", UUID.class),
                        Boolean.TRUE.equals(row.get("suspended", Boolean.class)),
                        Sql.enumSet(row.get("services", String[].class), ServiceType.class)))
                .one();
    }

    record ProviderState(UUID id, UUID accountId, boolean suspended, java.util.Set<ServiceType> services) {}

    static Rating read(Readable row) {
        UUID appealId = row.get("appeal_id", UUID.class);
        UUID ratingId = row.get("id", UUID.class);
        Rating.Appeal appeal = appealId == null
                ? null
                : new Rating.Appeal(
                        appealId,
                        ratingId,
                        row.get("appeal_provider_id", UUID.class),
                        Rating.Appeal.Ground.valueOf(row.get("appeal_ground", String.class)),
                        row.get("appeal_statement", String.class),
                        row.get("appeal_filed_at", Instant.class),
                        Rating.Appeal.Status.valueOf(row.get("appeal_status", String.class)),
                        row.get("appeal_decided_by", UUID.class),
                        row.get("appeal_decided_at", Instant.class),
                        row.get("appeal_decision_reason", String.class));
        return new Rating(
                ratingId,
                row.get("order_id", UUID.class),
                row.get("community_id", UUID.class),
                row.get("elder_id", UUID.class),
                ServiceType.valueOf(row.get("service", String.class)),
                RatingLevel.valueOf(row.get("level", String.class)),
                tags(row.get("tags", String[].class)),
                row.get("comment", String.class),
                row.get("rater_account_id", UUID.class),
                Rating.RaterRole.valueOf(row.get("rater_role", String.class)),
                row.get("rated_at", Instant.class),
                Boolean.TRUE.equals(row.get("excluded_from_reputation", Boolean.class)),
                uuids(row.get("provider_ids", UUID[].class)),
                row.get("follow_up_id", UUID.class),
                Sql.enumOrNull(row.get("follow_up_status", String.class), FollowUpCase.Status::valueOf),
                appeal);
    }

    static List<RatingTag> tags(String[] names) {
        return names == null
                ? List.of()
                : Arrays.stream(names).map(RatingTag::valueOf).toList();
    }

    static List<UUID> uuids(UUID[] ids) {
        return ids == null ? List.of() : List.of(ids);
    }
}
