package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.elders.Elder;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.families.FamilyBindings;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Accounts, gifts, issuance and redemption, statements and the pools' figures. Minutes come into being only by
 * {@link #issue} from a community's pool, for an approved service record or a confirmed time-bank order; they go
 * back to it when a time-bank order is paid ({@link #chargeOrder}); nothing here takes or gives money.
 */
@Service
public class TimeBankService {

    private static final Logger log = LoggerFactory.getLogger(TimeBankService.class);

    /** Days and months of the time bank are China's. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    record Statement(TimeBankAccount account, Page<StatementLine> lines) {}

    /** What a time-bank order cost: minutes from an account, or nothing (0 and no account) when served free. */
    public record Charge(UUID accountId, long minutes) {
        static final Charge FREE = new Charge(null, 0);
    }

    record MonthSummary(
            UUID communityId, UUID poolAccountId, YearMonth month, long issued, long redeemed, long outstanding) {}

    /** A gift to an elder the giver is bound to, or to a family member bound to the same elder; the key is the client's. */
    record GiftCommand(UUID toElderId, UUID toAccountId, long minutes, String memo, String idempotencyKey) {
        GiftCommand {
            new Violations()
                    .check(
                            (toElderId == null) != (toAccountId == null),
                            "toElderId",
                            "one-recipient",
                            "give to an elder or to a family member, one of them")
                    .check(minutes > 0, "minutes", "min", "must be at least 1")
                    .check(
                            idempotencyKey != null && !idempotencyKey.isBlank(),
                            "idempotencyKey",
                            "required",
                            "send an Idempotency-Key header or an idempotencyKey field")
                    .throwIfAny();
        }
    }

    private final Ledger ledger;
    private final LedgerRepository accounts;
    private final CommunityRules rules;
    private final CommunityService communities;
    private final ElderService elders;
    private final FamilyBindings bindings;
    private final SignalRepository signals;
    private final Clock clock;

    TimeBankService(
            Ledger ledger,
            LedgerRepository accounts,
            CommunityRules rules,
            CommunityService communities,
            ElderService elders,
            FamilyBindings bindings,
            SignalRepository signals,
            Clock clock) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.rules = rules;
        this.communities = communities;
        this.elders = elders;
        this.bindings = bindings;
        this.signals = signals;
        this.clock = clock;
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    Mono<TimeBankAccount> mine(Caller caller) {
        caller.requireAccount();
        return accounts.open(TimeBankAccount.HolderType.ACCOUNT, caller.accountId(), clock.instant());
    }

    /** An elder's account, for a bound family member or a worker of the elder's community; else a 404. */
    Mono<TimeBankAccount> ofElder(Caller caller, UUID elderId) {
        caller.requireAccount();
        return mayReadElder(caller, elderId)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")))
                .then(Mono.defer(() -> accounts.open(TimeBankAccount.HolderType.ELDER, elderId, clock.instant())));
    }

    private Mono<Boolean> mayReadElder(Caller caller, UUID elderId) {
        return elders.communityOf(elderId)
                .onErrorResume(ApiException.class, e -> Mono.empty())
                .flatMap(community -> caller.covers(community)
                        ? Mono.just(true)
                        : caller.has(Role.FAMILY) ? bindings.isActive(caller.accountId(), elderId) : Mono.just(false))
                .defaultIfEmpty(false);
    }

    /** The holder's own account; an elder's for a bound family member or a worker there; a pool for its workers. */
    Mono<Statement> statement(Caller caller, UUID accountId, PageRequest page) {
        caller.requireAccount();
        return accounts.findById(accountId)
                .filterWhen(a -> switch (a.holderType()) {
                    case ACCOUNT -> Mono.just(a.holderId().equals(caller.accountId()));
                    case ELDER -> mayReadElder(caller, a.holderId());
                    case COMMUNITY -> Mono.just(caller.covers(a.holderId()));
                })
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Account")))
                .flatMap(a -> accounts.statement(accountId, page).map(lines -> new Statement(a, lines)));
    }

    @Transactional
    Mono<Posting.Result> give(Caller caller, GiftCommand command) {
        caller.requireRole(Role.FAMILY, Role.VOLUNTEER);
        Mono<UUID> connectingElder;
        Mono<TimeBankAccount> recipient;
        if (command.toElderId() != null) {
            connectingElder = bindings.isActive(caller.accountId(), command.toElderId())
                    .filter(Boolean::booleanValue)
                    .map(bound -> command.toElderId())
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Elder")));
            recipient = accounts.open(TimeBankAccount.HolderType.ELDER, command.toElderId(), clock.instant());
        } else {
            connectingElder = bindings.sharedActiveElder(caller.accountId(), command.toAccountId())
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Recipient")));
            recipient = accounts.open(TimeBankAccount.HolderType.ACCOUNT, command.toAccountId(), clock.instant());
        }
        LocalDate today = today(clock);
        return connectingElder
                .flatMap(elders::communityOf)
                .flatMap(community -> rules.inForce(community, today)
                        .flatMap(r -> accounts.open(
                                        TimeBankAccount.HolderType.ACCOUNT, caller.accountId(), clock.instant())
                                .zipWith(recipient)
                                .flatMap(t -> {
                                    TimeBankAccount from = t.getT1();
                                    PostingRequest request = new PostingRequest(
                                            "gift:" + caller.accountId() + ":" + command.idempotencyKey(),
                                            Posting.Kind.GIFT,
                                            community,
                                            caller.accountId(),
                                            command.toElderId() != null ? command.toElderId() : command.toAccountId(),
                                            command.memo(),
                                            today,
                                            List.of(
                                                    new PostingRequest.LegSpec(from, -command.minutes()),
                                                    new PostingRequest.LegSpec(t.getT2(), command.minutes())));
                                    return ledger.post(request, () -> checkGift(r, from, command.minutes(), today));
                                })));
    }

    /** Runs with the giver's balance locked, so the month's sum cannot move under it. */
    private Mono<Void> checkGift(Rules r, TimeBankAccount from, long minutes, LocalDate today) {
        if (minutes > r.giftMaxMinutes()) {
            return Mono.error(ruleBroken(
                    "gift-max-minutes",
                    "A gift is at most " + r.giftMaxMinutes() + " minutes here",
                    "at most " + r.giftMaxMinutes() + " minutes a gift"));
        }
        LocalDate month = today.withDayOfMonth(1);
        return accounts.moved(from.id(), Posting.Kind.GIFT, false, month, month.plusMonths(1))
                .flatMap(given -> given + minutes > r.giftMaxMinutesPerMonth()
                        ? Mono.error(ruleBroken(
                                "gift-max-minutes-per-month",
                                "Gifts are at most " + r.giftMaxMinutesPerMonth() + " minutes a month here; " + given
                                        + " given this month",
                                "at most " + r.giftMaxMinutesPerMonth() + " minutes of gifts a month"))
                        : Mono.empty());
    }

    /**
     * Issues minutes from the community's pool to a volunteer for service done on a day, within the daily and
     * lifetime earning caps of the rules in force that day. The key makes it once only.
     */
    @Transactional
    public Mono<Posting.Result> issue(
            UUID communityId,
            UUID volunteerAccountId,
            long minutes,
            LocalDate servedOn,
            String key,
            UUID referenceId,
            String memo) {
        return rules.inForce(communityId, servedOn)
                .flatMap(r -> accounts.open(TimeBankAccount.HolderType.COMMUNITY, communityId, clock.instant())
                        .zipWith(accounts.open(TimeBankAccount.HolderType.ACCOUNT, volunteerAccountId, clock.instant()))
                        .flatMap(t -> {
                            TimeBankAccount to = t.getT2();
                            PostingRequest request = new PostingRequest(
                                    key,
                                    Posting.Kind.ISSUE,
                                    communityId,
                                    null,
                                    referenceId,
                                    memo,
                                    servedOn,
                                    List.of(
                                            new PostingRequest.LegSpec(t.getT1(), -minutes),
                                            new PostingRequest.LegSpec(to, minutes)));
                            return ledger.post(
                                    request, () -> checkEarning(r, communityId, to, minutes, servedOn, referenceId));
                        }));
    }

    /** Runs with the volunteer's balance locked, so concurrent approvals for one volunteer count each other. */
    private Mono<Void> checkEarning(
            Rules r, UUID communityId, TimeBankAccount to, long minutes, LocalDate day, UUID referenceId) {
        return accounts.moved(to.id(), Posting.Kind.ISSUE, true, day, day.plusDays(1))
                .flatMap(that -> that + minutes > r.dailyEarningCap()
                        ? Mono.error(new EarningCapRefused(
                                "daily-earning-cap",
                                "A volunteer earns at most " + r.dailyEarningCap() + " minutes a day here; " + that
                                        + " already on " + day,
                                "at most " + r.dailyEarningCap() + " minutes a day",
                                communityId,
                                to.id(),
                                minutes,
                                referenceId))
                        : accounts.moved(to.id(), Posting.Kind.ISSUE, true, LocalDate.EPOCH, LocalDate.of(9999, 1, 1))
                                .flatMap(ever -> ever + minutes > r.lifetimeEarningCap()
                                        ? Mono.error(new EarningCapRefused(
                                                "lifetime-earning-cap",
                                                "A volunteer earns at most " + r.lifetimeEarningCap()
                                                        + " minutes in all here; " + ever + " so far",
                                                "at most " + r.lifetimeEarningCap() + " minutes in all",
                                                communityId,
                                                to.id(),
                                                minutes,
                                                referenceId))
                                        : Mono.<Void>empty()));
    }

    /**
     * Issues a confirmed time-bank order's minutes to a volunteer who served it, as {@link #issue} does, in the
     * confirming transaction. When an earning cap refuses them, the refusal is recorded for the workers' signals
     * and nothing is issued: the confirmation stands, and a worker can record the hours by hand.
     */
    public Mono<Posting.Result> issueForOrder(
            UUID communityId,
            UUID volunteerAccountId,
            long minutes,
            LocalDate servedOn,
            String key,
            UUID orderId,
            String memo) {
        // called within the confirmation's transaction, not through the proxy: the refused posting undid itself
        // (its savepoint), and the recorded refusal commits with the confirmation
        return issue(communityId, volunteerAccountId, minutes, servedOn, key, orderId, memo)
                .onErrorResume(EarningCapRefused.class, e -> {
                    log.warn("Minutes of order {} not issued: {} refused them", orderId, e.rule());
                    return recordRefusal(e).then(Mono.empty());
                });
    }

    /** Records what an earning cap refused, for the workers' signals. */
    Mono<Void> recordRefusal(EarningCapRefused e) {
        return signals.recordRefusal(
                e.communityId(), e.accountId(), e.rule(), e.minutes(), e.referenceId(), clock.instant());
    }

    /**
     * Pays an elder's service in minutes, from the elder's own account or a bound family member's, back to the
     * elder's community pool, whatever the elder's special difficulty. Refused below the community's minimum age
     * to redeem. {@code orderId} makes it once per order. Time-bank orders are paid by {@link #chargeOrder}, with
     * the payer and the free service that the order decides; this serves a redemption the caller decided itself.
     */
    @Transactional
    public Mono<Posting.Result> redeem(
            Caller caller, UUID elderId, boolean fromElderAccount, long minutes, UUID orderId) {
        caller.requireRole(Role.FAMILY, Role.COMMUNITY_WORKER);
        LocalDate today = today(clock);
        return elders.forOrdering(caller, elderId)
                .flatMap(elder -> rules.inForce(elder.communityId(), today).flatMap(r -> {
                    int age = elders.ageOf(elder);
                    if (age < r.minRedeemAge()) {
                        return Mono.error(ruleBroken(
                                "min-redeem-age",
                                "Minutes pay for the service of elders of " + r.minRedeemAge() + " or older here",
                                "the elder is younger than " + r.minRedeemAge()));
                    }
                    Mono<TimeBankAccount> payer = fromElderAccount
                            ? accounts.open(TimeBankAccount.HolderType.ELDER, elderId, clock.instant())
                            : accounts.open(
                                    TimeBankAccount.HolderType.ACCOUNT,
                                    caller.requireRole(Role.FAMILY).accountId(),
                                    clock.instant());
                    return postRedemption(payer, elder.communityId(), minutes, orderId, caller.accountId(), null);
                }));
    }

    /**
     * Pays a time-bank order when it is placed, in the placing transaction: from {@code payerAccountId}'s own
     * minutes (the family member who placed it), or from the elder's when it is null (a worker placed the order for
     * an elder who phoned in), back to the elder's community pool, once per order (the posting key). A
     * special-difficulty elder is charged nothing where the rules in force say so; the minimum age to redeem applies
     * where the elder pays. Minutes that do not cover the price are a 422 {@code insufficient-balance} problem on
     * {@code settlement}; the refused posting has undone itself, so a caller may go on without it.
     */
    public Mono<Charge> chargeOrder(
            UUID orderId, Elder elder, UUID payerAccountId, long minutes, UUID initiatedBy, String memo) {
        LocalDate today = today(clock);
        return rules.inForce(elder.communityId(), today).flatMap(r -> {
            if (elder.specialDifficulty() && r.freeForSpecialDifficulty()) {
                return Mono.just(Charge.FREE);
            }
            if (payerAccountId == null && elders.ageOf(elder) < r.minRedeemAge()) {
                return Mono.error(ruleBroken(
                        "settlement",
                        "min-redeem-age",
                        "Elders of " + r.minRedeemAge() + " or older pay for their service in minutes here",
                        "the elder who pays is younger than " + r.minRedeemAge()));
            }
            Mono<TimeBankAccount> payer = payerAccountId == null
                    ? accounts.open(TimeBankAccount.HolderType.ELDER, elder.id(), clock.instant())
                    : accounts.open(TimeBankAccount.HolderType.ACCOUNT, payerAccountId, clock.instant());
            return postRedemption(payer, elder.communityId(), minutes, orderId, initiatedBy, memo)
                    .map(result -> new Charge(payerLeg(result.posting()).accountId(), minutes))
                    .onErrorMap(
                            e -> e instanceof ApiException a && a.type() == ProblemType.INSUFFICIENT_BALANCE,
                            e -> new ApiException(
                                    ProblemType.INSUFFICIENT_BALANCE,
                                    "The time-bank balance does not cover the order's " + minutes + " minutes",
                                    List.of(FieldViolation.of(
                                            "settlement",
                                            "balance",
                                            "the payer's balance does not cover " + minutes + " minutes"))));
        });
    }

    private Mono<Posting.Result> postRedemption(
            Mono<TimeBankAccount> payer, UUID communityId, long minutes, UUID orderId, UUID initiatedBy, String memo) {
        return payer.zipWith(accounts.open(TimeBankAccount.HolderType.COMMUNITY, communityId, clock.instant()))
                .flatMap(t -> ledger.post(
                        new PostingRequest(
                                redeemKey(orderId),
                                Posting.Kind.REDEEM,
                                communityId,
                                initiatedBy,
                                orderId,
                                memo,
                                today(clock),
                                List.of(
                                        new PostingRequest.LegSpec(t.getT1(), -minutes),
                                        new PostingRequest.LegSpec(t.getT2(), minutes))),
                        Mono::empty));
    }

    private static String redeemKey(UUID orderId) {
        return "redeem:order:" + orderId;
    }

    /** The leg that paid: the debit. */
    private static Posting.Leg payerLeg(Posting posting) {
        return posting.legs().stream().filter(l -> l.minutes() < 0).findFirst().orElseThrow();
    }

    /**
     * Gives what a cancelled order paid back to the account that paid it, from the pool, in the cancelling
     * transaction; once (its own posting key), and nothing when the order paid nothing.
     */
    public Mono<Void> refundOrder(UUID orderId, UUID initiatedBy) {
        return accounts.findClaim(redeemKey(orderId))
                .flatMap(claim -> accounts.findPosting(claim.postingId()))
                .flatMap(paid -> Flux.fromIterable(paid.legs())
                        .concatMap(leg -> accounts.findById(leg.accountId())
                                .map(account -> new PostingRequest.LegSpec(account, -leg.minutes())))
                        .collectList()
                        .flatMap(legs -> ledger.post(
                                new PostingRequest(
                                        "refund:order:" + orderId,
                                        Posting.Kind.REFUND,
                                        paid.communityId(),
                                        initiatedBy,
                                        orderId,
                                        "订单取消，退还",
                                        today(clock),
                                        legs),
                                Mono::empty)))
                .then();
    }

    /** The pool's month: minutes issued, minutes redeemed, and what people held at its end. For the workers there. */
    Mono<MonthSummary> summary(Caller caller, UUID communityId, YearMonth month) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
        if (!caller.covers(communityId)) {
            return Mono.error(ApiException.notFound("Community"));
        }
        return communities
                .get(communityId)
                .then(accounts.open(TimeBankAccount.HolderType.COMMUNITY, communityId, clock.instant()))
                .flatMap(pool -> accounts.poolFigures(
                                pool.id(),
                                month.atDay(1).atStartOfDay(ZONE).toInstant(),
                                month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant())
                        .map(f -> new MonthSummary(communityId, pool.id(), month, f[0], f[1], f[2])));
    }

    private static ApiException ruleBroken(String rule, String detail, String message) {
        return ruleBroken("minutes", rule, detail, message);
    }

    private static ApiException ruleBroken(String field, String rule, String detail, String message) {
        return new ApiException(ProblemType.UNPROCESSABLE, detail, List.of(FieldViolation.of(field, rule, message)));
    }
}
