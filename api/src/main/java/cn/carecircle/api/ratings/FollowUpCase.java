package cn.carecircle.api.ratings;

import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The follow-up case (差评回访) of a bad rating, as a worker handles it. */
record FollowUpCase(
        UUID id,
        UUID ratingId,
        UUID orderId,
        UUID communityId,
        ServiceType service,
        RatingLevel level,
        List<RatingTag> tags,
        String comment,
        Instant ratedAt,
        Rating.RaterRole raterRole,
        UUID elderId,
        String elderName,
        List<UUID> providerIds,
        Status status,
        Instant openedAt,
        LocalDate dueOn,
        Instant dueAt,
        boolean dueProvisional,
        Instant escalatedAt,
        int callCount,
        String providerResponse,
        Instant providerResponseAt,
        Finding finding,
        String remedy,
        Instant findingAt,
        RatingLevel handlingLevel,
        Instant closedAt,
        String closeNote,
        Rating.Appeal.Status appealStatus) {

    enum Status {
        OPEN,
        CLOSED
    }

    enum Finding {
        UPHELD,
        PARTLY_UPHELD,
        NOT_UPHELD;

        /** Upheld at least in part: it counts against the provider. */
        boolean againstProvider() {
            return this != NOT_UPHELD;
        }
    }

    enum CallOutcome {
        REACHED,
        NOT_REACHABLE
    }

    record Call(Instant at, CallOutcome outcome, String note, UUID workerId) {}

    boolean overdue(Instant now) {
        return status == Status.OPEN && !now.isBefore(dueAt);
    }
}
