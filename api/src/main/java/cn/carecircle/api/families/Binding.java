package cn.carecircle.api.families;

import cn.carecircle.api.elders.CreateElderCommand.ConsentBy;
import java.time.Instant;
import java.util.UUID;

record Binding(
        UUID id,
        UUID elderId,
        UUID communityId,
        String elderName,
        UUID familyAccountId,
        String familyDisplayName,
        String relationship,
        Status status,
        ConsentBy consentBy,
        UUID recordedBy,
        Instant requestedAt,
        Instant decidedAt,
        UUID decidedBy,
        String reason) {

    enum Status {
        PENDING,
        ACTIVE,
        REJECTED
    }
}
