package cn.carecircle.api.notifications;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.contract.model.LiveNoticeDto;
import cn.carecircle.api.contract.model.OrderChangeDto;
import cn.carecircle.api.contract.model.OrderEventDto;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.security.Caller;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live streams (server-sent events). Each opens with a {@code :connected} comment once its Redis subscription
 * is confirmed, so that nothing published afterwards is missed, and sends a {@code :heartbeat} comment
 * periodically. A stream's subscription ends when the client goes away (the response is cancelled).
 */
@Service
class LiveStreams {

    static final String ORDER_EVENT = "order-event";
    static final String ORDER_CHANGED = "order-changed";

    private final LiveEvents live;
    private final OrderService orders;
    private final CommunityService communities;
    private final NotificationMapper mapper;
    private final LiveProperties properties;

    LiveStreams(
            LiveEvents live,
            OrderService orders,
            CommunityService communities,
            NotificationMapper mapper,
            LiveProperties properties) {
        this.live = live;
        this.orders = orders;
        this.communities = communities;
        this.mapper = mapper;
        this.properties = properties;
    }

    /** The notices pushed to an account, as they are sent: each named by its kind, with its id. */
    Flux<ServerSentEvent<LiveNoticeDto>> account(Caller caller) {
        UUID account = caller.requireAccount();
        return live.notices(account)
                .flatMapMany(notices -> Flux.concat(
                        Mono.just(LiveStreams.<LiveNoticeDto>comment("connected")),
                        notices.map(notice -> ServerSentEvent.builder(notice)
                                .id(notice.getId().toString())
                                .event(notice.getKind())
                                .build())))
                .mergeWith(heartbeats());
    }

    /**
     * An order's timeline: the events after {@code afterSeq} so far, then each new one. Every "order changed"
     * message reads the timeline after the last event sent, so that none is sent twice or skipped however the
     * messages bunch up; the event's sequence number is its id, for {@code Last-Event-ID}.
     */
    Mono<Flux<ServerSentEvent<OrderEventDto>>> order(Caller caller, UUID orderId, long afterSeq) {
        return orders.get(caller, orderId)
                .map(order -> live.orderChanges(orderId)
                        .flatMapMany(changes -> {
                            AtomicLong last = new AtomicLong(afterSeq);
                            Flux<Object> reads = Flux.concat(Mono.just(orderId), changes.onBackpressureLatest());
                            return Flux.concat(
                                    Mono.just(LiveStreams.<OrderEventDto>comment("connected")),
                                    reads.concatMap(
                                            read -> orders.timelineAfter(orderId, last.get())
                                                    .doOnNext(entry -> last.set(entry.seq()))
                                                    .map(entry -> ServerSentEvent.builder(mapper.toDto(entry.event()))
                                                            .id(Long.toString(entry.seq()))
                                                            .event(ORDER_EVENT)
                                                            .build()),
                                            1));
                        })
                        .mergeWith(heartbeats()));
    }

    /** Changes of a community's orders, for the staff covering it; a community they do not cover is a 404. */
    Mono<Flux<ServerSentEvent<OrderChangeDto>>> community(Caller caller, UUID communityId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL, Role.ADMIN);
        if (!caller.covers(communityId)) {
            return Mono.error(ApiException.notFound("Community"));
        }
        return communities
                .get(communityId)
                .map(community -> live.communityChanges(community.id())
                        .flatMapMany(changes -> Flux.concat(
                                Mono.just(LiveStreams.<OrderChangeDto>comment("connected")),
                                changes.map(change -> ServerSentEvent.builder(change)
                                        .event(ORDER_CHANGED)
                                        .build())))
                        .mergeWith(heartbeats()));
    }

    private <T> Flux<ServerSentEvent<T>> heartbeats() {
        return Flux.interval(properties.heartbeat()).map(tick -> comment("heartbeat"));
    }

    private static <T> ServerSentEvent<T> comment(String text) {
        return ServerSentEvent.<T>builder().comment(text).build();
    }
}
