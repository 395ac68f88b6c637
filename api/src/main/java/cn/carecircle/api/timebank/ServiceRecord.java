package cn.carecircle.api.timebank;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Service a volunteer did offline, recorded by one worker and decided by another. */
record ServiceRecord(
        UUID id,
        UUID communityId,
        UUID volunteerId,
        UUID volunteerAccountId,
        int minutes,
        LocalDate servedOn,
        String description,
        Status status,
        UUID recordedBy,
        Instant recordedAt,
        UUID decidedBy,
        Instant decidedAt,
        String reason,
        UUID postingId) {

    enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }

    @Override
    public String toString() {
        return "ServiceRecord[" + id + "]";
    }
}
