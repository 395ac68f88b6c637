package cn.carecircle.api.ratings;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.providers.ProviderService;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The follow-up case (差评回访) of every bad rating: call-backs, the provider's side, the worker's finding and remedy,
 * and the closing with the rater's rating of the handling. Community workers handle the cases of their
 * communities; district officials read them (overdue ones are escalated to them).
 */
@Service
class FollowUpService {

    /** A case with everything the drawer shows. */
    record Detail(
            FollowUpCase followUp,
            List<FollowUpCase.Call> calls,
            Map<UUID, String> providerNames,
            Rating.Appeal appeal) {}

    private final FollowUpRepository repository;
    private final RatingRepository ratings;
    private final HolidayCalendars calendars;
    private final Suspensions suspensions;
    private final ProviderService providers;
    private final Clock clock;

    FollowUpService(
            FollowUpRepository repository,
            RatingRepository ratings,
            HolidayCalendars calendars,
            Suspensions suspensions,
            ProviderService providers,
            Clock clock) {
        this.repository = repository;
        this.ratings = ratings;
        this.calendars = calendars;
        this.suspensions = suspensions;
        this.providers = providers;
        this.clock = clock;
    }

    /** Opens the case of a bad rating, due the configured working days after today (China time). */
    Mono<Void> open(Rating rating, Instant now) {
        return calendars
                .due(now)
                .flatMap(due -> repository.open(UUID.randomUUID(), rating.id(), rating.communityId(), now, due));
    }

    Mono<Page<FollowUpCase>> list(
            Caller caller, UUID communityId, FollowUpCase.Status status, boolean overdueOnly, PageRequest page) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        List<UUID> scope = communityId == null
                ? List.copyOf(caller.communityIds())
                : caller.covers(communityId) ? List.of(communityId) : List.of();
        return repository.search(scope, status, overdueOnly ? clock.instant() : null, page);
    }

    Mono<Detail> get(Caller caller, UUID caseId) {
        caller.requireRole(Role.COMMUNITY_WORKER, Role.DISTRICT_OFFICIAL);
        return visible(caller, caseId).flatMap(this::detail);
    }

    private Mono<Detail> detail(FollowUpCase c) {
        return Mono.zip(
                        repository.calls(c.id()).collectList(),
                        providers.displayNames(c.providerIds()),
                        ratings.findById(c.ratingId())
                                .map(r -> java.util.Optional.ofNullable(r.appeal()))
                                .defaultIfEmpty(java.util.Optional.empty()))
                .map(t -> new Detail(c, t.getT1(), t.getT2(), t.getT3().orElse(null)));
    }

    @Transactional
    Mono<Detail> call(Caller caller, UUID caseId, FollowUpCase.CallOutcome outcome, String note) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return visible(caller, caseId)
                .flatMap(c -> repository.addCall(
                        caseId, new FollowUpCase.Call(clock.instant(), outcome, blankToNull(note), caller.accountId())))
                .flatMap(added -> added ? reread(caseId) : Mono.error(closed()));
    }

    /** A provider of the rated order gives their side, once. */
    @Transactional
    Mono<Void> respond(Caller caller, UUID caseId, String statement) {
        caller.requireRole(Role.PROVIDER, Role.VOLUNTEER);
        return ratings.providerOfAccount(caller.accountId())
                .flatMap(provider -> repository
                        .findById(caseId)
                        .filter(c -> c.providerIds().contains(provider))
                        .flatMap(c -> {
                            if (c.status() == FollowUpCase.Status.CLOSED) {
                                return Mono.error(closed());
                            }
                            return repository.respond(caseId, provider, statement.strip(), clock.instant());
                        }))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Follow-up case")))
                .flatMap(done -> done
                        ? Mono.<Void>empty()
                        : Mono.error(new ApiException(
                                ProblemType.DUPLICATE, "The provider's side of this case has been given already")));
    }

    /**
     * The worker's finding and remedy, once. A finding against the providers (upheld, partly upheld) may suspend
     * them pending review.
     */
    @Transactional
    Mono<Detail> finding(Caller caller, UUID caseId, FollowUpCase.Finding finding, String remedy) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        Instant now = clock.instant();
        return visible(caller, caseId).flatMap(c -> {
            if (c.status() == FollowUpCase.Status.CLOSED) {
                return Mono.error(closed());
            }
            return repository
                    .recordFinding(caseId, finding, blankToNull(remedy), caller.accountId(), now)
                    .flatMap(done -> done
                            ? Mono.<Void>empty()
                            : Mono.error(
                                    ApiException.illegalState("The finding of this case has been recorded already")))
                    .then(
                            finding.againstProvider()
                                    ? Flux.fromIterable(c.providerIds())
                                            .concatMap(p -> suspensions.check(p, caller.accountId(), now))
                                            .then()
                                    : Mono.empty())
                    .then(reread(caseId));
        });
    }

    /**
     * Closes the case: it needs a finding and a call-back attempt, and the rater's rating of the handling once a
     * call-back reached them.
     */
    @Transactional
    Mono<Detail> close(Caller caller, UUID caseId, RatingLevel handling, String note) {
        caller.requireRole(Role.COMMUNITY_WORKER);
        return visible(caller, caseId).flatMap(c -> {
            if (c.status() == FollowUpCase.Status.CLOSED) {
                return Mono.error(closed());
            }
            return repository.calls(caseId).collectList().flatMap(calls -> {
                List<FieldViolation> missing = new ArrayList<>();
                if (c.finding() == null) {
                    missing.add(FieldViolation.of("finding", "required-before-closing", "record the finding first"));
                }
                if (calls.isEmpty()) {
                    missing.add(FieldViolation.of(
                            "calls", "call-back-required", "record at least one call-back attempt first"));
                }
                boolean reached = calls.stream().anyMatch(x -> x.outcome() == FollowUpCase.CallOutcome.REACHED);
                if (reached && handling == null) {
                    missing.add(FieldViolation.of(
                            "handlingLevel",
                            "required-when-reached",
                            "a call-back reached the rater: record their rating of how the case was handled"));
                }
                if (!missing.isEmpty()) {
                    return Mono.error(new ApiException(
                            ProblemType.FOLLOW_UP_INCOMPLETE, "The case is not ready to be closed", missing));
                }
                return repository
                        .close(caseId, handling, blankToNull(note), caller.accountId(), clock.instant())
                        .flatMap(done -> done ? reread(caseId) : Mono.error(closed()));
            });
        });
    }

    /** A case of a community the caller covers; anything else is a 404. */
    private Mono<FollowUpCase> visible(Caller caller, UUID caseId) {
        return repository
                .findById(caseId)
                .filter(c -> caller.covers(c.communityId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Follow-up case")));
    }

    private Mono<Detail> reread(UUID caseId) {
        return repository.findById(caseId).flatMap(this::detail);
    }

    private static ApiException closed() {
        return new ApiException(
                ProblemType.FOLLOW_UP_CLOSED, "This follow-up case is closed; nothing more is recorded");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
