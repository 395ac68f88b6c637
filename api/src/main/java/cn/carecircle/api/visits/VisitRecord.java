package cn.carecircle.api.visits;

import cn.carecircle.api.common.ServiceType;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;

/** A visit as recorded, with the elder's name masked. */
public record VisitRecord(
        UUID id,
        UUID elderId,
        String elderMaskedName,
        UUID communityId,
        YearMonth month,
        Instant visitedAt,
        VisitMethod method,
        String visitorName,
        UUID visitorProviderId,
        VisitCondition health,
        VisitCondition livingConditions,
        Set<SafetyRisk> safetyRisks,
        Set<ServiceType> needs,
        String findings,
        String followUp,
        UUID followUpOrderId,
        Instant recordedAt) {}
