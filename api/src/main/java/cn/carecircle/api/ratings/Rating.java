package cn.carecircle.api.ratings;

import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rating of an order, with its follow-up case and appeal when it has them.
 *
 * @param excludedFromReputation an appeal was accepted: the rating is kept on record but no longer counts
 */
record Rating(
        UUID id,
        UUID orderId,
        UUID communityId,
        UUID elderId,
        ServiceType service,
        RatingLevel level,
        List<RatingTag> tags,
        String comment,
        UUID raterAccountId,
        RaterRole raterRole,
        Instant ratedAt,
        boolean excludedFromReputation,
        List<UUID> providerIds,
        UUID followUpId,
        FollowUpCase.Status followUpStatus,
        Appeal appeal) {

    enum RaterRole {
        FAMILY,
        COMMUNITY_WORKER
    }

    boolean bad() {
        return level.bad();
    }

    /** The same rating as the providers of the order see it: without who rated. */
    Rating withoutRater() {
        return new Rating(
                id,
                orderId,
                communityId,
                elderId,
                service,
                level,
                tags,
                comment,
                null,
                null,
                ratedAt,
                excludedFromReputation,
                providerIds,
                followUpId,
                followUpStatus,
                appeal);
    }

    record Appeal(
            UUID id,
            UUID ratingId,
            UUID providerId,
            Ground ground,
            String statement,
            Instant filedAt,
            Status status,
            UUID decidedBy,
            Instant decidedAt,
            String decisionReason) {

        enum Ground {
            MALICIOUS,
            MISTAKEN
        }

        enum Status {
            PENDING,
            ACCEPTED,
            REJECTED
        }
    }
}
