package cn.carecircle.api.dispatch;

import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.dispatch.DispatchRepository.OrderLock;
import cn.carecircle.api.jobs.DueWork;
import cn.carecircle.api.orders.OrderService;
import cn.carecircle.api.orders.OrderService.Actor;
import cn.carecircle.api.orders.OrderStatus;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The background work of dispatch, each claiming its due rows with {@code FOR UPDATE SKIP LOCKED} in one
 * transaction per batch: scheduled orders whose dispatch time has come, rounds that expired, and seats whose
 * provider did not check in.
 */
@Configuration(proxyBeanMethods = false)
class DispatchWork {

    private static final int BATCH = 20;

    /** Scheduled orders whose dispatch time has come start matching, with their first round at once. */
    @Bean
    DueWork dispatchStarts(
            DispatchRepository repository, OrderService orders, Dispatcher dispatcher, TransactionalOperator tx) {
        return new Work(
                "dispatch-starts",
                now -> Transactions.committed(
                        tx,
                        repository
                                .claimDueStarts(now, BATCH)
                                .concatMap(id -> orders.transition(
                                                id, OrderStatus.REQUESTED, OrderStatus.MATCHING, Actor.SYSTEM, null)
                                        .flatMap(dispatcher::matchingStarted)
                                        .then(repository.lockOrder(id))
                                        .flatMap(lock -> dispatcher.nextRound(lock, now, false, false))
                                        .thenReturn(id))
                                .count()
                                .map(Long::intValue)));
    }

    /** Expired rounds: the next candidates get offers, or the order escalates. */
    @Bean
    DueWork dispatchRounds(DispatchRepository repository, Dispatcher dispatcher, TransactionalOperator tx) {
        return new Work(
                "dispatch-rounds",
                now -> Transactions.committed(
                        tx,
                        repository
                                .claimDueRounds(now, BATCH)
                                .concatMap(id -> repository
                                        .lockOrder(id)
                                        .flatMap(lock -> dispatcher.nextRound(lock, now, false, false))
                                        .thenReturn(id))
                                .count()
                                .map(Long::intValue)));
    }

    /**
     * No check-in in time: the family and the community's workers are alerted (the elder may be waiting alone),
     * the lapse counts against the provider, and an assigned order is dispatched again.
     */
    @Bean
    DueWork noShows(
            DispatchRepository repository, OrderService orders, Dispatcher dispatcher, TransactionalOperator tx) {
        return new Work(
                "no-shows",
                now -> Transactions.committed(
                        tx,
                        repository
                                .claimNoShows(now, BATCH)
                                .concatMap(seat -> repository
                                        .lockOrder(seat.orderId())
                                        .flatMap(lock -> orders.byId(seat.orderId())
                                                .flatMap(order -> {
                                                    Mono<Void> alert = dispatcher
                                                            .tellFamily(
                                                                    order,
                                                                    Dispatcher.notice(
                                                                            "no-show",
                                                                            "服务人员未按时到达",
                                                                            "服务人员未按时签到，社区已收到提醒，正在为您重新安排"))
                                                            .then(dispatcher.tellWorkers(
                                                                    order,
                                                                    Dispatcher.notice(
                                                                            "no-show",
                                                                            "服务人员未按时签到",
                                                                            "订单服务时间已开始15分钟仍未签到，请关注老人情况")));
                                                    if (lock.status() == OrderStatus.ASSIGNED) {
                                                        return dispatcher
                                                                .freeAndRedispatch(
                                                                        new OrderLock(
                                                                                order.id(),
                                                                                lock.status(),
                                                                                lock.round(),
                                                                                lock.deadline()),
                                                                        seat.providerId(),
                                                                        "NO_SHOW",
                                                                        null,
                                                                        Actor.SYSTEM,
                                                                        "服务人员未按时签到，重新派单 (no check-in: dispatched again)")
                                                                .then(alert);
                                                    }
                                                    // another seat is already in service: record the lapse and alert,
                                                    // the worker
                                                    // decides
                                                    return repository
                                                            .clearNoShow(seat.orderId(), seat.seatNo())
                                                            .then(alert);
                                                }))
                                        .thenReturn(seat))
                                .count()
                                .map(Long::intValue)));
    }

    private record Work(String name, java.util.function.Function<Instant, Mono<Integer>> run) implements DueWork {
        @Override
        public Mono<Integer> runDue(Instant now) {
            return Mono.defer(() -> run.apply(now));
        }
    }
}
