package cn.carecircle.api.notifications;

import cn.carecircle.api.common.CareCircleProperties;
import cn.carecircle.api.contract.model.LiveNoticeDto;
import cn.carecircle.api.contract.model.OrderChangeDto;
import java.util.UUID;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fan-out of live events through Redis pub/sub, so that a stream held open on any api instance hears what the
 * relay of any instance sends. Channels are named under the deployment's key prefix: one per account (its
 * notices), per order (its timeline moved) and per community (one of its orders changed). Messages are JSON;
 * like the outbox, they carry ids, kinds and statuses, never personal data.
 */
@Component
class LiveEvents {

    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisMessageListenerContainer listeners;
    private final JsonMapper json;
    private final String prefix;

    LiveEvents(
            ReactiveStringRedisTemplate redis,
            ReactiveRedisMessageListenerContainer listeners,
            JsonMapper json,
            CareCircleProperties properties) {
        this.redis = redis;
        this.listeners = listeners;
        this.json = json;
        this.prefix = properties.redis().keyPrefix() + "live:";
    }

    Mono<Void> publishNotice(UUID accountId, LiveNoticeDto notice) {
        return redis.convertAndSend(accountChannel(accountId), json.writeValueAsString(notice))
                .then();
    }

    /** Tells the order's followers and its community's dispatch boards that the order changed. */
    Mono<Void> publishOrderChange(UUID communityId, OrderChangeDto change) {
        String message = json.writeValueAsString(change);
        return redis.convertAndSend(orderChannel(change.getOrderId()), message)
                .then(redis.convertAndSend(communityChannel(communityId), message))
                .then();
    }

    /**
     * An account's notices, once Redis has confirmed the subscription: what is published after the returned Mono
     * emits is heard. The subscription ends when the inner Flux is cancelled.
     */
    Mono<Flux<LiveNoticeDto>> notices(UUID accountId) {
        return listen(accountChannel(accountId), LiveNoticeDto.class);
    }

    Mono<Flux<OrderChangeDto>> orderChanges(UUID orderId) {
        return listen(orderChannel(orderId), OrderChangeDto.class);
    }

    Mono<Flux<OrderChangeDto>> communityChanges(UUID communityId) {
        return listen(communityChannel(communityId), OrderChangeDto.class);
    }

    private <T> Mono<Flux<T>> listen(String channel, Class<T> type) {
        return listeners
                .receiveLater(ChannelTopic.of(channel))
                .map(messages ->
                        messages.map(ReactiveSubscription.Message::getMessage).map(text -> json.readValue(text, type)));
    }

    private String accountChannel(UUID accountId) {
        return prefix + "account:" + accountId;
    }

    private String orderChannel(UUID orderId) {
        return prefix + "order:" + orderId;
    }

    private String communityChannel(UUID communityId) {
        return prefix + "community:" + communityId;
    }
}
