package cn.carecircle.api.mealplans;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.Transactions;
import cn.carecircle.api.jobs.DueWork;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The rolling creation of meal plans' days: each midnight (China time) an active plan's next day comes within the
 * ordering horizon and gets its order. A plan that cannot be priced any more (the community dropped the meal's
 * duration from its price list) is skipped until the next day, and the refusal logged; a time-bank plan whose
 * payer's minutes ran short is tried again the next day (the plan records from which day).
 */
@Component
class MealPlanJob implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(MealPlanJob.class);
    private static final int BATCH = 20;

    private final MealPlanRepository repository;
    private final MealPlanService plans;
    private final TransactionalOperator tx;

    MealPlanJob(MealPlanRepository repository, MealPlanService plans, TransactionalOperator tx) {
        this.repository = repository;
        this.plans = plans;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "meal-plans";
    }

    @Override
    public Mono<Integer> runDue(Instant now) {
        return Transactions.committed(
                tx,
                repository
                        .claimDue(now, BATCH)
                        .concatMap(plan -> plans.extend(plan, now)
                                .then()
                                .onErrorResume(ApiException.class, e -> {
                                    log.warn("Meal plan {} not extended: {}", plan.id(), e.getMessage());
                                    return repository.update(
                                            plan.id(),
                                            plan.status(),
                                            plan.createdThrough(),
                                            now.plusSeconds(24 * 3600));
                                })
                                .thenReturn(plan.id()))
                        .count()
                        .map(Long::intValue));
    }
}
