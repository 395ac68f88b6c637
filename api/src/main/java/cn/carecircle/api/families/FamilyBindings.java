package cn.carecircle.api.families;

import cn.carecircle.api.elders.CreateElderCommand.ConsentBy;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What other features ask of bindings: whether a family member is actively bound to an elder, and opening the
 * binding when a family member adds their parent. It depends on nothing but its own table, so the elders feature
 * can use it while the binding workflow uses the elders feature.
 */
@Component
public class FamilyBindings {

    private final BindingRepository repository;
    private final Clock clock;

    FamilyBindings(BindingRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Mono<Boolean> isActive(UUID familyAccountId, UUID elderId) {
        return repository.isActive(elderId, familyAccountId);
    }

    /** An elder both family members are actively bound to (e.g. their mother), or empty. */
    public Mono<UUID> sharedActiveElder(UUID familyAccountId, UUID otherFamilyAccountId) {
        return repository.sharedActiveElder(familyAccountId, otherFamilyAccountId);
    }

    /** Opens a pending binding for an elder the family member has just added; a worker confirms it. */
    public Mono<UUID> requestForNewElder(UUID elderId, UUID familyAccountId, String relationship, ConsentBy consentBy) {
        UUID id = UUID.randomUUID();
        return repository
                .insert(id, elderId, familyAccountId, relationship, consentBy, familyAccountId, clock.instant())
                .thenReturn(id);
    }
}
