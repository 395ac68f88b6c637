package cn.carecircle.api.ratings;

import cn.carecircle.api.audit.AuditService;
import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.notifications.Outbox;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Rating completed orders once, within the window after completion; the provider's view of their ratings; appeals.
 * A bad rating opens its follow-up case in the same transaction.
 */
@Service
class RatingService {

    /** What a rater says: a level, optional tags that fit the service, an optional comment. */
    record RateCommand(RatingLevel level, List<RatingTag> tags, String comment) {
        RateCommand {
            tags = tags == null ? List.of() : List.copyOf(tags);
            comment = comment == null || comment.isBlank() ? null : comment.strip();
        }
    }

    private final RatingRepository repository;
    private final FollowUpService followUps;
    private final OrderService orders;
    private final AuditService audit;
    private final Outbox outbox;
    private final RatingsProperties properties;
    private final Clock clock;

    RatingService(
            RatingRepository repository,
            FollowUpService followUps,
            OrderService orders,
            AuditService audit,
            Outbox outbox,
            RatingsProperties properties,
            Clock clock) {
        this.repository = repository;
        this.followUps = followUps;
        this.orders = orders;
        this.audit = audit;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The ordering family member, or a community worker covering the elder's community on the elder's behalf,
     * rates a COMPLETED or CONFIRMED order once, within the window after completion.
     */
    @Transactional
    Mono<Rating> rate(Caller caller, UUID orderId, RateCommand command) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        Instant now = clock.instant();
        return orders.get(caller, orderId)
                .flatMap(order -> repository.orderFacts(orderId).flatMap(facts -> {
                    boolean asWorker = caller.has(Role.COMMUNITY_WORKER) && caller.covers(order.communityId());
                    if (!asWorker && !caller.accountId().equals(order.placedBy())) {
                        return Mono.error(new ApiException(
                                ProblemType.NOT_THE_ORDERER,
                                "Only the family member who placed this order, or a community worker on the elder's "
                                        + "behalf, rates it"));
                    }
                    return repository
                            .findByOrder(orderId)
                            .hasElement()
                            .flatMap(rated -> rated
                                    ? Mono.error(alreadyRated())
                                    : insert(caller, order, facts, asWorker, command, now));
                }));
    }

    private Mono<Rating> insert(
            Caller caller,
            Order order,
            RatingRepository.OrderFacts facts,
            boolean asWorker,
            RateCommand command,
            Instant now) {
        if (!"COMPLETED".equals(facts.status()) && !"CONFIRMED".equals(facts.status())) {
            return Mono.error(new ApiException(
                    ProblemType.ORDER_NOT_RATEABLE,
                    "An order is rated once it is completed; this one is " + facts.status()));
        }
        if (facts.completedAt() == null || now.isAfter(facts.completedAt().plus(properties.window()))) {
            return Mono.error(new ApiException(
                    ProblemType.RATING_WINDOW_CLOSED,
                    "Orders are rated within " + properties.window().toDays() + " days after completion; this one was "
                            + "completed on "
                            + (facts.completedAt() == null
                                    ? "an unknown day"
                                    : facts.completedAt()
                                            .atZone(properties.zone())
                                            .toLocalDate())));
        }
        Violations v = new Violations();
        for (int i = 0; i < command.tags().size(); i++) {
            RatingTag tag = command.tags().get(i);
            if (!tag.fits(order.service())) {
                v.add(new FieldViolation(
                        "tags[" + i + "]", "fits-service", "this tag is not one of " + order.service(), tag.name()));
            }
        }
        v.throwIfAny();
        Rating rating = new Rating(
                UUID.randomUUID(),
                order.id(),
                order.communityId(),
                order.elderId(),
                order.service(),
                command.level(),
                command.tags(),
                command.comment(),
                caller.accountId(),
                asWorker ? Rating.RaterRole.COMMUNITY_WORKER : Rating.RaterRole.FAMILY,
                now,
                false,
                facts.providerIds(),
                null,
                null,
                null);
        return repository
                .insert(rating)
                .flatMap(inserted -> inserted ? Mono.just(rating) : Mono.error(alreadyRated()))
                .flatMap(r -> r.bad() ? followUps.open(r, now) : Mono.<Void>empty())
                .then(repository.findById(rating.id()));
    }

    private static ApiException alreadyRated() {
        return new ApiException(ProblemType.RATING_ALREADY_GIVEN, "This order has its rating; an order is rated once");
    }

    /** The order's rating: to whoever may see the order, and to its providers without who rated. */
    Mono<Rating> ofOrder(Caller caller, UUID orderId) {
        caller.requireAccount();
        if (caller.hasAny(Role.PROVIDER, Role.VOLUNTEER) && !caller.staff() && !caller.has(Role.FAMILY)) {
            return repository
                    .providerOfAccount(caller.accountId())
                    .flatMap(provider -> repository
                            .findByOrder(orderId)
                            .filter(r -> r.providerIds().contains(provider)))
                    .map(Rating::withoutRater)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Rating")));
        }
        return orders.get(caller, orderId)
                .then(repository.findByOrder(orderId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Rating")));
    }

    /** The signed-in provider's ratings, newest first, without who rated. */
    Mono<Page<Rating>> mine(Caller caller, PageRequest page) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return myProvider(caller)
                .flatMap(provider -> repository.ofProvider(provider, page))
                .map(p -> p.map(Rating::withoutRater));
    }

    /** A provider of the rated order appeals a bad rating, once per rating. */
    @Transactional
    Mono<Rating.Appeal> appeal(Caller caller, UUID ratingId, Rating.Appeal.Ground ground, String statement) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        Instant now = clock.instant();
        return myProvider(caller)
                .flatMap(provider -> repository
                        .findById(ratingId)
                        .filter(r -> r.providerIds().contains(provider))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Rating")))
                        .flatMap(rating -> {
                            if (!rating.bad()) {
                                return Mono.error(new ApiException(
                                        ProblemType.RATING_NOT_APPEALABLE,
                                        "A provider appeals a bad rating (不满意 or 非常不满意); this one is "
                                                + rating.level().label()));
                            }
                            Rating.Appeal appeal = new Rating.Appeal(
                                    UUID.randomUUID(),
                                    ratingId,
                                    provider,
                                    ground,
                                    statement.strip(),
                                    now,
                                    Rating.Appeal.Status.PENDING,
                                    null,
                                    null,
                                    null);
                            return repository
                                    .insertAppeal(appeal)
                                    .flatMap(inserted -> inserted
                                            ? repository.findById(ratingId).map(Rating::appeal)
                                            : Mono.error(new ApiException(
                                                    ProblemType.DUPLICATE, "This rating has been appealed already")));
                        }));
    }

    /**
     * A community worker of the elder's community decides a pending appeal, audited. An accepted appeal takes the
     * rating out of reputation and suspension counts; it stays on record. The provider is told.
     */
    @Transactional
    Mono<Rating.Appeal> decide(Caller caller, UUID ratingId, boolean accepted, String reason) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        Instant now = clock.instant();
        return repository
                .findById(ratingId)
                .filter(r -> caller.covers(r.communityId()) && r.appeal() != null)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Appeal")))
                .flatMap(rating -> repository
                        .decideAppeal(ratingId, accepted, caller.accountId(), now, reason.strip())
                        .flatMap(decided -> decided
                                ? audit.record(
                                                caller.accountId(),
                                                accepted ? "RATING_APPEAL_ACCEPTED" : "RATING_APPEAL_REJECTED",
                                                "RATING",
                                                ratingId,
                                                reason.strip())
                                        .then(tellProvider(rating, accepted))
                                : Mono.error(ApiException.illegalState("This appeal has been decided already")))
                        .then(repository.findById(ratingId))
                        .map(Rating::appeal));
    }

    private Mono<Void> tellProvider(Rating rating, boolean accepted) {
        return repository
                .providerState(rating.appeal().providerId())
                .flatMap(p -> outbox.push(
                        p.accountId(),
                        rating.orderId(),
                        new Outbox.Notice(
                                "rating-appeal-decided",
                                "评价申诉结果",
                                accepted ? "您的申诉已被采纳，该评价不再计入信誉" : "您的申诉未被采纳",
                                Map.of(
                                        "ratingId",
                                        rating.id().toString(),
                                        "status",
                                        accepted ? "ACCEPTED" : "REJECTED"))));
    }

    private Mono<UUID> myProvider(Caller caller) {
        return repository
                .providerOfAccount(caller.accountId())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider profile")));
    }
}
