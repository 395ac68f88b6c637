package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Masking;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Signs of collusion for a community's workers to look into: a volunteer earning mostly from one elder's orders,
 * earning caps refusing a volunteer again and again, and check-ins too far apart for the time between them. They
 * are signals, not findings; they show ids and masked names, never a phone, an address or a position.
 */
@Service
class TimeBankSignals {

    enum Kind {
        CONCENTRATED_EARNING,
        REPEATED_CAP_REFUSALS,
        IMPLAUSIBLE_TRAVEL
    }

    enum PartyRole {
        VOLUNTEER,
        PROVIDER,
        ELDER
    }

    /** A person a signal involves, by ids and masked name. */
    record Party(
            PartyRole role, String maskedName, UUID accountId, UUID timeBankAccountId, UUID providerId, UUID elderId) {

        static Party volunteer(String name, UUID accountId, UUID timeBankAccountId, UUID providerId) {
            return new Party(PartyRole.VOLUNTEER, Masking.name(name), accountId, timeBankAccountId, providerId, null);
        }

        static Party elder(String name, UUID elderId, UUID timeBankAccountId) {
            return new Party(PartyRole.ELDER, Masking.name(name), null, timeBankAccountId, null, elderId);
        }
    }

    /** The figures of a signal's kind; the others are null. */
    record Figures(
            Integer windowDays,
            Long earnedMinutes,
            Integer earnedPostings,
            Long pairMinutes,
            Integer pairPostings,
            Double sharePercent,
            Integer refusals,
            Long refusedMinutes,
            List<String> rules,
            Integer distanceMetres,
            Double minutesBetweenCheckIns,
            Double travelMinutes,
            Double speedKmh) {}

    record Signal(Kind kind, String explanation, List<Party> parties, List<UUID> orderIds, Figures figures) {}

    record Signals(UUID communityId, Instant evaluatedAt, SignalProperties thresholds, List<Signal> signals) {}

    private final SignalRepository repository;
    private final CommunityService communities;
    private final SignalProperties properties;
    private final Clock clock;

    TimeBankSignals(
            SignalRepository repository, CommunityService communities, SignalProperties properties, Clock clock) {
        this.repository = repository;
        this.communities = communities;
        this.properties = properties;
        this.clock = clock;
    }

    /** For the workers covering the community and the district official; another community is a 404. */
    Mono<Signals> of(Caller caller, UUID communityId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        if (!caller.covers(communityId)) {
            return Mono.error(ApiException.notFound("Community"));
        }
        Instant now = clock.instant();
        return communities
                .get(communityId)
                .thenMany(Flux.concat(
                        concentrations(communityId, now), refusals(communityId, now), travel(communityId, now)))
                .collectList()
                .map(list -> new Signals(communityId, now, properties, list));
    }

    private Flux<Signal> concentrations(UUID communityId, Instant now) {
        int days = days(properties.earningWindow());
        return repository
                .concentrations(
                        communityId,
                        now.minus(properties.earningWindow()),
                        properties.earningMinPostings(),
                        properties.earningSharePercent())
                .map(c -> {
                    double share = round(100.0 * c.pairMinutes() / c.earnedMinutes());
                    return new Signal(
                            Kind.CONCENTRATED_EARNING,
                            String.format(
                                    Locale.ROOT,
                                    "志愿者近%d天所得%d分钟中的%s%%（%d笔中的%d笔）来自同一位老人的订单"
                                            + " (%s%% of the %d minutes the volunteer earned in %d days, %d of %d"
                                            + " postings, came from one elder's orders)",
                                    days,
                                    c.earnedMinutes(),
                                    share,
                                    c.earnedPostings(),
                                    c.pairPostings(),
                                    share,
                                    c.earnedMinutes(),
                                    days,
                                    c.pairPostings(),
                                    c.earnedPostings()),
                            List.of(
                                    Party.volunteer(
                                            c.volunteerName(), c.accountId(), c.timeBankAccountId(), c.providerId()),
                                    Party.elder(c.elderName(), c.elderId(), c.elderTimeBankAccountId())),
                            c.orderIds(),
                            new Figures(
                                    days,
                                    c.earnedMinutes(),
                                    c.earnedPostings(),
                                    c.pairMinutes(),
                                    c.pairPostings(),
                                    share,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null));
                });
    }

    private Flux<Signal> refusals(UUID communityId, Instant now) {
        int days = days(properties.refusalWindow());
        return repository
                .refusals(communityId, now.minus(properties.refusalWindow()), properties.refusalMinCount())
                .map(r -> new Signal(
                        Kind.REPEATED_CAP_REFUSALS,
                        String.format(
                                Locale.ROOT,
                                "近%d天内志愿者的时间%d次因超出上限被拒绝计入，共%d分钟（%s）"
                                        + " (earning caps refused the volunteer's minutes %d times in %d days, %d"
                                        + " minutes in all: %s)",
                                days,
                                r.refusals(),
                                r.minutes(),
                                String.join(", ", r.rules()),
                                r.refusals(),
                                days,
                                r.minutes(),
                                String.join(", ", r.rules())),
                        List.of(Party.volunteer(
                                r.volunteerName(), r.accountId(), r.timeBankAccountId(), r.providerId())),
                        r.orderIds(),
                        new Figures(
                                days,
                                null,
                                null,
                                null,
                                null,
                                null,
                                r.refusals(),
                                r.minutes(),
                                r.rules(),
                                null,
                                null,
                                null,
                                null)));
    }

    private Flux<Signal> travel(UUID communityId, Instant now) {
        int days = days(properties.travelWindow());
        return repository
                .consecutiveCheckIns(communityId, now.minus(properties.travelWindow()))
                .mapNotNull(v -> implausible(v, days));
    }

    /** The signal of two consecutive check-ins, or null when the travel between them is plausible. */
    private Signal implausible(SignalRepository.ConsecutiveCheckIns v, int days) {
        int metres = (int)
                Math.round(new GeoPoint(v.previousLat(), v.previousLon()).metresTo(new GeoPoint(v.lat(), v.lon())));
        Duration between = Duration.between(v.previousCheckedInAt(), v.checkedInAt());
        // travel starts when the provider left the first home: the check-out, unless they checked in here before it
        Instant left =
                v.previousCheckedOutAt() != null && !v.previousCheckedOutAt().isAfter(v.checkedInAt())
                        ? v.previousCheckedOutAt()
                        : v.previousCheckedInAt();
        Duration travel = Duration.between(left, v.checkedInAt());
        Double speed = travel.isZero() ? null : round(metres * 3.6 / (travel.toMillis() / 1000.0));
        boolean tooFast =
                metres >= properties.travelMinMetres() && (speed == null || speed > properties.travelMaxSpeedKmh());
        boolean quickHop = metres > properties.quickHopMetres() && between.compareTo(properties.quickHopWithin()) <= 0;
        if (!tooFast && !quickHop) {
            return null;
        }
        double betweenMinutes = round(between.toMillis() / 60_000.0);
        double travelMinutes = round(travel.toMillis() / 60_000.0);
        List<String> why = new ArrayList<>();
        if (tooFast) {
            why.add(
                    speed == null
                            ? "离开上一户的同时即已签到 (checked in the moment they left the first home)"
                            : String.format(
                                    Locale.ROOT,
                                    "离开上一户%s分钟后签到，折合时速%s公里，超过%d公里"
                                            + " (%s minutes after leaving the first home: %s km/h, over %d km/h)",
                                    travelMinutes,
                                    speed,
                                    properties.travelMaxSpeedKmh(),
                                    travelMinutes,
                                    speed,
                                    properties.travelMaxSpeedKmh()));
        }
        if (quickHop) {
            why.add(String.format(
                    Locale.ROOT,
                    "两户相距超过%d米，两次签到仅相隔%s分钟" + " (homes over %d m apart, check-ins %s minutes apart)",
                    properties.quickHopMetres(),
                    betweenMinutes,
                    properties.quickHopMetres(),
                    betweenMinutes));
        }
        Party provider = new Party(
                v.volunteer() ? PartyRole.VOLUNTEER : PartyRole.PROVIDER,
                Masking.name(v.providerName()),
                v.accountId(),
                null,
                v.providerId(),
                null);
        return new Signal(
                Kind.IMPLAUSIBLE_TRAVEL,
                String.format(Locale.ROOT, "同一服务人员连续两次上门签到相距%d米 (consecutive check-ins %d m apart): ", metres, metres)
                        + String.join("; ", why),
                List.of(
                        provider,
                        Party.elder(v.previousElderName(), v.previousElderId(), null),
                        Party.elder(v.elderName(), v.elderId(), null)),
                List.of(v.previousOrderId(), v.orderId()),
                new Figures(
                        days,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        metres,
                        betweenMinutes,
                        travelMinutes,
                        speed));
    }

    private static int days(Duration d) {
        return (int) d.toDays();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
