package cn.carecircle.api.community;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.ProblemType;
import cn.carecircle.api.common.Role;
import cn.carecircle.api.security.Caller;
import java.time.Clock;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Communities as the other features need them. */
@Service
public class CommunityService {

    private final CommunityRepository repository;
    private final Clock clock;

    CommunityService(CommunityRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Staff see the communities they cover (the operator all); families and providers all, to choose from. */
    public Flux<Community> visibleTo(Caller caller) {
        caller.requireAccount();
        if (caller.has(Role.ADMIN) || !caller.staff()) {
            return repository.findAll();
        }
        return repository.findAllById(caller.communityIds());
    }

    public Flux<Community> findAllById(Collection<UUID> ids) {
        return repository.findAllById(ids);
    }

    public Flux<Community> findAll() {
        return repository.findAll();
    }

    /** A community, or a 404 problem. */
    public Mono<Community> get(UUID id) {
        return repository.findById(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Community")));
    }

    Mono<Community> getFor(Caller caller, UUID id) {
        caller.requireAccount();
        if (caller.staff() && !caller.covers(id)) {
            return Mono.error(ApiException.notFound("Community"));
        }
        return get(id);
    }

    public Mono<Community> create(Caller caller, CreateCommunityCommand command) {
        caller.requireRole(Role.ADMIN);
        Community community = new Community(
                UUID.randomUUID(),
                command.code(),
                command.name(),
                command.regionCode(),
                command.centre(),
                command.boundary(),
                command.travelTimeLimitMinutes(),
                command.languages());
        return repository
                .existsByCode(command.code())
                .flatMap(exists -> exists
                        ? Mono.error(new ApiException(ProblemType.DUPLICATE, "A community with this code exists"))
                        : repository.insert(community, clock.instant()).thenReturn(community));
    }
}
