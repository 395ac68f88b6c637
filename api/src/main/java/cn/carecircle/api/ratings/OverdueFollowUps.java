package cn.carecircle.api.ratings;

import cn.carecircle.api.jobs.DueWork;
import cn.carecircle.api.notifications.Outbox;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Escalates open follow-up cases past their due time to the district officials covering the community: the case
 * is flagged (escalated, shown as overdue in every list) and each official is told by push. Claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances never escalate a case twice.
 */
@Component
class OverdueFollowUps implements DueWork {

    private static final int BATCH = 50;

    private final FollowUpRepository repository;
    private final Outbox outbox;
    private final TransactionalOperator tx;

    OverdueFollowUps(FollowUpRepository repository, Outbox outbox, ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = TransactionalOperator.create(transactions);
    }

    @Override
    public String name() {
        return "follow-up-escalation";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return repository
                .escalateDue(now, BATCH)
                .concatMap(c -> repository
                        .officialsOf(c.communityId())
                        .concatMap(official -> outbox.push(
                                official,
                                c.orderId(),
                                new Outbox.Notice(
                                        "follow-up-overdue",
                                        "差评回访逾期",
                                        "一件差评回访已超过办理期限，请督办",
                                        Map.of(
                                                "caseId", c.id().toString(),
                                                "communityId", c.communityId().toString()))))
                        .then(Mono.just(1)))
                .reduce(0, Integer::sum)
                .as(tx::transactional);
    }
}
