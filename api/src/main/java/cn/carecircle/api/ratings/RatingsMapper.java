package cn.carecircle.api.ratings;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.contract.model.FollowUpCallDto;
import cn.carecircle.api.contract.model.FollowUpCaseDto;
import cn.carecircle.api.contract.model.FollowUpSummaryDto;
import cn.carecircle.api.contract.model.HolidayCalendarDayDto;
import cn.carecircle.api.contract.model.HolidayCalendarDto;
import cn.carecircle.api.contract.model.HolidayCalendarSummaryDto;
import cn.carecircle.api.contract.model.ProviderNameDto;
import cn.carecircle.api.contract.model.RatingAppealDto;
import cn.carecircle.api.contract.model.RatingDto;
import cn.carecircle.api.contract.model.RatingStatisticsRowDto;
import cn.carecircle.api.contract.model.ReputationDto;
import cn.carecircle.api.contract.model.ServiceReputationDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(imports = Masking.class)
interface RatingsMapper {

    @Mapping(target = "bad", expression = "java(rating.bad())")
    RatingDto toDto(Rating rating);

    @Mapping(target = "decidedAt", source = "decidedAt")
    RatingAppealDto toDto(Rating.Appeal appeal);

    @Mapping(target = "elderMaskedName", expression = "java(Masking.name(c.elderName()))")
    @Mapping(target = "overdue", expression = "java(c.overdue(now))")
    @Mapping(target = "calls", source = "c.callCount")
    FollowUpSummaryDto toSummary(FollowUpCase c, @Context Instant now);

    FollowUpCallDto toDto(FollowUpCase.Call call);

    default FollowUpCaseDto toDto(FollowUpService.Detail detail, Instant now) {
        FollowUpCase c = detail.followUp();
        FollowUpCaseDto dto = new FollowUpCaseDto(
                c.id(),
                c.ratingId(),
                c.orderId(),
                c.communityId(),
                toDto(c.service()),
                toDto(c.level()),
                c.tags().stream().map(this::toDto).toList(),
                at(c.ratedAt()),
                toDto(c.raterRole()),
                Masking.name(c.elderName()),
                providers(c.providerIds(), detail.providerNames()),
                toDto(c.status()),
                at(c.openedAt()),
                c.dueOn(),
                at(c.dueAt()),
                c.dueProvisional(),
                c.overdue(now),
                detail.calls().stream().map(this::toDto).toList());
        return dto.comment(c.comment())
                .elderId(c.elderId())
                .escalatedAt(at(c.escalatedAt()))
                .providerResponse(c.providerResponse())
                .providerResponseAt(at(c.providerResponseAt()))
                .finding(c.finding() == null ? null : toDto(c.finding()))
                .remedy(c.remedy())
                .findingAt(at(c.findingAt()))
                .handlingLevel(c.handlingLevel() == null ? null : toDto(c.handlingLevel()))
                .closedAt(at(c.closedAt()))
                .closeNote(c.closeNote())
                .appeal(detail.appeal() == null ? null : toDto(detail.appeal()));
    }

    cn.carecircle.api.contract.model.ServiceTypeDto toDto(cn.carecircle.api.common.ServiceType service);

    cn.carecircle.api.contract.model.RatingLevelDto toDto(RatingLevel level);

    cn.carecircle.api.contract.model.RatingTagDto toDto(RatingTag tag);

    cn.carecircle.api.contract.model.RaterRoleDto toDto(Rating.RaterRole role);

    cn.carecircle.api.contract.model.FollowUpStatusDto toDto(FollowUpCase.Status status);

    cn.carecircle.api.contract.model.FindingDto toDto(FollowUpCase.Finding finding);

    default List<ProviderNameDto> providers(List<UUID> ids, Map<UUID, String> names) {
        return ids.stream()
                .map(id -> new ProviderNameDto(id, names.getOrDefault(id, "")))
                .toList();
    }

    @Mapping(target = "total", expression = "java(r.total())")
    ServiceReputationDto toDto(Reputations.ServiceReputation r);

    ReputationDto toDto(Reputations.Reputation reputation);

    @Mapping(target = "unrated", expression = "java(row.unrated())")
    @Mapping(target = "goodRate", expression = "java(row.goodRate())")
    @Mapping(target = "callBackRate", expression = "java(row.callBackRate())")
    @Mapping(target = "onTimeClosureRate", expression = "java(row.onTimeClosureRate())")
    RatingStatisticsRowDto toDto(RatingStatistics.Row row);

    HolidayCalendarSummaryDto toSummary(HolidayCalendars.Year year);

    HolidayCalendarDto toDto(HolidayCalendars.Year year);

    HolidayCalendarDayDto toDto(HolidayCalendars.Day day);

    HolidayCalendars.Day toDay(HolidayCalendarDayDto dto);

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
