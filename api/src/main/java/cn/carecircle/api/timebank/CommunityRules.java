package cn.carecircle.api.timebank;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.common.Violations;
import cn.carecircle.api.community.CommunityService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** The communities' time-bank rules: read by anyone signed in, changed by the operator as a new version. */
@Service
class CommunityRules {

    record RuleSet(UUID communityId, Rules current, List<Rules> versions) {}

    private final RuleRepository repository;
    private final CommunityService communities;
    private final Clock clock;

    CommunityRules(RuleRepository repository, CommunityService communities, Clock clock) {
        this.repository = repository;
        this.communities = communities;
        this.clock = clock;
    }

    Mono<Rules> inForce(UUID communityId, LocalDate day) {
        return repository.inForce(communityId, day).defaultIfEmpty(Rules.DEFAULTS);
    }

    Mono<RuleSet> get(Caller caller, UUID communityId) {
        caller.requireAccount();
        return communities
                .get(communityId)
                .then(inForce(communityId, TimeBankService.today(clock)))
                .zipWith(repository.versions(communityId).collectList())
                .map(t -> new RuleSet(communityId, t.getT1(), t.getT2()));
    }

    /** A new version from its date on; a rule is never changed for days that have begun. */
    @Transactional
    Mono<RuleSet> change(Caller caller, UUID communityId, Rules rules) {
        caller.requireRole(Role.ADMIN);
        new Violations()
                .check(
                        !rules.effectiveFrom().isBefore(TimeBankService.today(clock)),
                        "effectiveFrom",
                        "not-in-past",
                        "must be today or later")
                .throwIfAny();
        return communities
                .get(communityId)
                .then(repository.insertNext(communityId, rules, caller.accountId(), clock.instant()))
                .then(get(caller, communityId));
    }
}
