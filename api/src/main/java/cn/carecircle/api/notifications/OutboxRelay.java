package cn.carecircle.api.notifications;

import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.contract.model.LiveNoticeDto;
import cn.carecircle.api.contract.model.OrderChangeDto;
import cn.carecircle.api.contract.model.OrderStatusDto;
import cn.carecircle.api.elders.ElderService;
import cn.carecircle.api.jobs.DueWork;
import cn.carecircle.api.notifications.OutboxRepository.Claimed;
import cn.carecircle.api.notifications.PushSender.DeviceResult;
import cn.carecircle.api.notifications.PushSender.PushMessage;
import cn.carecircle.api.notifications.SmsGateway.SmsException;
import cn.carecircle.api.notifications.SmsGateway.VisitCodeSms;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.orders.OrderService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what the outbox holds. Each run claims a batch of due rows ({@code FOR UPDATE SKIP LOCKED}, oldest due
 * first), sends them, and records in the same transaction what became of each: sent, due again after a backoff,
 * or given up after the last attempt. A row is therefore sent by one relay at a time, whichever instance or
 * trigger runs it, and a sent row is never due again.
 *
 * <ul>
 *   <li>PUSH: the notice goes to the account's live stream (first attempt only) and, through FCM, to each of the
 *       account's devices that does not have it yet; tokens FCM rejects for good are removed. An account without
 *       devices is done once the live stream has it.
 *   <li>SMS: the seat's visit code and the elder's phone are read and decrypted now, sent, and forgotten; neither
 *       is ever logged.
 *   <li>EVENT: an order changed; its followers and its community's dispatch boards hear it live.
 * </ul>
 *
 * <p>Two triggers run it: the background poll (every instance, every second) and a kick right after a transaction
 * that wrote to the outbox commits (the instance that wrote it), so that an offer leaves within milliseconds.
 *
 * <p>Reads (devices, codes, phones) happen one row after the other on the claiming transaction's connection; the
 * sends themselves run concurrently and never throw out of the batch: a failing send is a failed attempt of its row.
 */
@Component
class OutboxRelay implements DueWork, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Batches one kicked run takes at most before it yields to the next kick. */
    private static final int MAX_BATCHES_PER_KICK = 20;

    private static final Map<ServiceType, String> SERVICE_NAMES = Map.of(
            ServiceType.MEAL, "助餐",
            ServiceType.BATHING, "助浴",
            ServiceType.CLEANING, "助洁",
            ServiceType.MEDICAL_VISIT, "助医");

    private final OutboxRepository outbox;
    private final DeviceTokens devices;
    private final LiveEvents live;
    private final Optional<PushSender> push;
    private final Optional<SmsGateway> sms;
    private final OrderService orders;
    private final ElderService elders;
    private final PersonalDataProtector protector;
    private final TransactionalOperator transactions;
    private final OutboxProperties properties;
    private final OutboxKicks kicks;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile Disposable kicked;

    OutboxRelay(
            OutboxRepository outbox,
            DeviceTokens devices,
            LiveEvents live,
            Optional<PushSender> push,
            Optional<SmsGateway> sms,
            OrderService orders,
            ElderService elders,
            PersonalDataProtector protector,
            TransactionalOperator transactions,
            OutboxProperties properties,
            OutboxKicks kicks,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.devices = devices;
        this.live = live;
        this.push = push;
        this.sms = sms;
        this.orders = orders;
        this.elders = elders;
        this.protector = protector;
        this.transactions = transactions;
        this.properties = properties;
        this.kicks = kicks;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public String name() {
        return "outbox-relay";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return outbox.claimDue(now, properties.batchSize())
                .collectList()
                .flatMap(
                        rows -> rows.isEmpty() ? Mono.just(0) : relay(rows, now).thenReturn(rows.size()))
                .as(transactions::transactional);
    }

    /** A row's sending, prepared with what was read for it and ready to go out. */
    @FunctionalInterface
    private interface Send {
        Mono<Outcome> send();
    }

    private record Prepared(Claimed row, Send send) {}

    private enum Result {
        SENT,
        RETRY,
        GIVE_UP
    }

    /**
     * What became of a row: {@code delivered} are the devices that have the push by now, {@code pruned} the ones
     * whose tokens FCM rejected for good.
     */
    private record Outcome(Claimed row, Result result, String error, Set<UUID> delivered, Set<UUID> pruned) {

        static Outcome sent(Claimed row) {
            return new Outcome(row, Result.SENT, null, row.deliveredDevices(), Set.of());
        }

        static Outcome retry(Claimed row, String error) {
            return new Outcome(row, Result.RETRY, error, row.deliveredDevices(), Set.of());
        }

        static Outcome giveUp(Claimed row, String error) {
            return new Outcome(row, Result.GIVE_UP, error, row.deliveredDevices(), Set.of());
        }
    }

    private Mono<Void> relay(List<Claimed> rows, Instant now) {
        Set<UUID> accounts = rows.stream()
                .filter(row -> "PUSH".equals(row.channel()) && row.accountId() != null)
                .map(Claimed::accountId)
                .collect(Collectors.toSet());
        Mono<Map<UUID, List<DeviceToken>>> devicesByAccount = push.isPresent()
                ? devices.of(accounts).collect(Collectors.groupingBy(DeviceToken::accountId))
                : Mono.just(Map.of());
        return devicesByAccount.flatMap(byAccount -> Flux.fromIterable(rows)
                .concatMap(row -> prepare(row, byAccount)
                        .onErrorResume(failure -> Mono.just(() -> Mono.just(Outcome.retry(row, describe(failure)))))
                        .map(send -> new Prepared(row, send)))
                .collectList()
                .flatMapMany(prepared -> Flux.fromIterable(prepared)
                        .flatMap(
                                p -> Mono.defer(p.send()::send)
                                        .onErrorResume(failure -> Mono.just(Outcome.retry(p.row(), describe(failure)))),
                                properties.sendConcurrency()))
                .collectList()
                .flatMap(outcomes -> record(rows, outcomes, now)));
    }

    private Mono<Send> prepare(Claimed row, Map<UUID, List<DeviceToken>> devicesByAccount) {
        return switch (row.channel()) {
            case "PUSH" ->
                Mono.fromCallable(() -> preparePush(row, devicesByAccount.getOrDefault(row.accountId(), List.of())));
            case "SMS" -> prepareSms(row);
            case "EVENT" -> prepareEvent(row);
            default -> Mono.just(() -> Mono.just(Outcome.giveUp(row, "unknown channel " + row.channel())));
        };
    }

    private Send preparePush(Claimed row, List<DeviceToken> accountDevices) {
        Outbox.Notice notice = json.readValue(row.payload(), Outbox.Notice.class);
        Map<String, String> data = new LinkedHashMap<>(notice.data());
        data.put("kind", notice.kind());
        data.put("messageId", row.id().toString());
        if (row.orderId() != null) {
            data.put("orderId", row.orderId().toString());
        }
        LiveNoticeDto liveNotice = new LiveNoticeDto(
                        row.id(), notice.kind(), notice.title(), notice.body(), notice.data(), at(row.createdAt()))
                .orderId(row.orderId());
        List<DeviceToken> targets = accountDevices.stream()
                .filter(device -> !row.deliveredDevices().contains(device.id()))
                .toList();
        return () -> {
            // the live stream hears a notice once, at its first attempt; retries are for the devices
            Mono<Void> toStream = row.attempts() > 0
                    ? Mono.empty()
                    : live.publishNotice(row.accountId(), liveNotice).onErrorResume(failure -> {
                        log.warn("Outbox message {} missed the live stream: {}", row.id(), describe(failure));
                        return Mono.empty();
                    });
            Mono<Map<UUID, DeviceResult>> toDevices = push.isEmpty() || targets.isEmpty()
                    ? Mono.just(Map.of())
                    : push.get().send(targets, new PushMessage(notice.title(), notice.body(), data));
            return toStream.then(toDevices).map(results -> pushOutcome(row, results));
        };
    }

    private static Outcome pushOutcome(Claimed row, Map<UUID, DeviceResult> results) {
        Set<UUID> delivered = new HashSet<>(row.deliveredDevices());
        Set<UUID> pruned = new HashSet<>();
        List<String> errors = new ArrayList<>();
        results.forEach((device, result) -> {
            switch (result.delivery()) {
                case DELIVERED -> delivered.add(device);
                case PRUNE -> pruned.add(device);
                case RETRY -> errors.add(result.error());
            }
        });
        if (errors.isEmpty()) {
            return new Outcome(row, Result.SENT, null, delivered, pruned);
        }
        String error = "FCM " + errors.stream().distinct().collect(Collectors.joining(", ")) + " (" + errors.size()
                + " of " + results.size() + " devices)";
        return new Outcome(row, Result.RETRY, error, delivered, pruned);
    }

    private Mono<Send> prepareSms(Claimed row) {
        if (sms.isEmpty()) {
            return Mono.just(() -> Mono.just(Outcome.giveUp(row, "SMS is turned off (carecircle.sms.enabled)")));
        }
        if (row.orderId() == null || row.seatNo() == null) {
            return Mono.just(() -> Mono.just(Outcome.giveUp(row, "no order seat")));
        }
        Send noOrder = () -> Mono.just(Outcome.giveUp(row, "no such order"));
        Send noCode = () -> Mono.just(Outcome.giveUp(row, "the seat has no visit code"));
        Send noPhone = () -> Mono.just(Outcome.giveUp(row, "the elder has no phone"));
        return orders.byId(row.orderId())
                .flatMap(order -> outbox.visitCodeOf(row.orderId(), row.seatNo())
                        .map(protector::decrypt)
                        .flatMap(code -> elders.phoneForMessaging(order.elderId())
                                .map(phone -> (Send) () -> sendSms(row, order, phone, code))
                                .defaultIfEmpty(noPhone))
                        .defaultIfEmpty(noCode))
                .defaultIfEmpty(noOrder);
    }

    private Mono<Outcome> sendSms(Claimed row, Order order, String phone, String code) {
        VisitCodeSms message = new VisitCodeSms(row.id().toString(), phone, SERVICE_NAMES.get(order.service()), code);
        return sms.orElseThrow()
                .sendVisitCode(message)
                .map(reference -> Outcome.sent(row))
                .onErrorResume(
                        SmsException.class,
                        failure -> Mono.just(
                                failure.retryable()
                                        ? Outcome.retry(row, failure.getMessage())
                                        : Outcome.giveUp(row, failure.getMessage())));
    }

    private Mono<Send> prepareEvent(Claimed row) {
        if (!Outbox.ORDER_CHANGED.equals(row.kind()) || row.orderId() == null) {
            return Mono.just(() -> Mono.just(Outcome.giveUp(row, "unknown event " + row.kind())));
        }
        Send noOrder = () -> Mono.just(Outcome.giveUp(row, "no such order"));
        return orders.byId(row.orderId())
                .map(order -> (Send) () -> live.publishOrderChange(
                                order.communityId(),
                                new OrderChangeDto(
                                        order.id(),
                                        OrderStatusDto.fromValue(order.status().name()),
                                        at(row.createdAt())))
                        .thenReturn(Outcome.sent(row))
                        .onErrorResume(failure -> Mono.just(Outcome.retry(row, "live stream: " + describe(failure)))))
                .defaultIfEmpty(noOrder);
    }

    /** Records every row's outcome; a row without one (a send that completed empty) counts as a failed attempt. */
    private Mono<Void> record(List<Claimed> rows, List<Outcome> outcomes, Instant now) {
        Map<UUID, Outcome> byRow = new HashMap<>();
        outcomes.forEach(outcome -> byRow.put(outcome.row().id(), outcome));
        List<UUID> sent = new ArrayList<>();
        List<Mono<Void>> failed = new ArrayList<>();
        Set<UUID> pruned = new HashSet<>();
        for (Claimed row : rows) {
            Outcome outcome = byRow.getOrDefault(row.id(), Outcome.retry(row, "no outcome"));
            pruned.addAll(outcome.pruned());
            count(row, outcome.result());
            if (outcome.result() == Result.SENT) {
                sent.add(row.id());
                Timer.builder("carecircle.outbox.delay")
                        .description("From writing an outbox message to sending it")
                        .tag("channel", row.channel())
                        .publishPercentileHistogram()
                        .register(meters)
                        .record(Duration.between(row.createdAt(), now).abs());
                continue;
            }
            int attempts = row.attempts() + 1;
            boolean giveUp = outcome.result() == Result.GIVE_UP || attempts >= properties.maxAttempts();
            Instant next = giveUp
                    ? null
                    : now.plus(properties.backoff(
                            attempts, ThreadLocalRandom.current().nextDouble()));
            if (giveUp) {
                log.warn(
                        "Outbox message {} ({} {}) given up after {} attempts: {}",
                        row.id(),
                        row.channel(),
                        row.kind(),
                        attempts,
                        outcome.error());
            } else {
                log.info(
                        "Outbox message {} ({} {}) failed attempt {}, next at {}: {}",
                        row.id(),
                        row.channel(),
                        row.kind(),
                        attempts,
                        next,
                        outcome.error());
            }
            failed.add(outbox.markFailed(row.id(), attempts, outcome.error(), next, now, outcome.delivered()));
        }
        Mono<Void> markSent = sent.isEmpty() ? Mono.empty() : outbox.markSent(sent, now);
        return markSent.then(Flux.concat(failed).then())
                .then(devices.prune(pruned))
                .doOnNext(removed -> {
                    if (removed > 0) {
                        log.info("Removed {} device tokens FCM no longer accepts", removed);
                    }
                })
                .then();
    }

    private void count(Claimed row, Result result) {
        meters.counter(
                        "carecircle.outbox.attempts",
                        "channel",
                        row.channel(),
                        "result",
                        result.name().toLowerCase())
                .increment();
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A failure in a few words, without its message (which may quote what was sent). */
    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName();
    }

    /** Runs the relay now, batch after batch while batches come back full. */
    Mono<Integer> drainNow() {
        return batches(MAX_BATCHES_PER_KICK).onErrorResume(failure -> {
            log.warn("Kicked outbox relay failed; the poll sends what is left", failure);
            return Mono.just(0);
        });
    }

    /**
     * Each batch runs to its commit before the next one starts; nothing here cancels a batch under way, which
     * would roll back the record of what it sent.
     */
    private Mono<Integer> batches(int left) {
        return Mono.defer(() -> runDue(clock.instant()))
                .flatMap(handled -> handled >= properties.batchSize() && left > 1
                        ? batches(left - 1).map(more -> handled + more)
                        : Mono.just(handled));
    }

    @Override
    public void start() {
        if (!kicks.enabled()) {
            return;
        }
        kicked = kicks.kicks()
                .onBackpressureLatest()
                .flatMap(kick -> drainNow(), properties.kickConcurrency())
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable k = kicked;
        if (k != null) {
            k.dispose();
        }
        kicked = null;
    }

    @Override
    public boolean isRunning() {
        return kicked != null && !kicked.isDisposed();
    }
}
