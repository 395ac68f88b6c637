package cn.carecircle.api.community;

import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.contract.model.CommunityDto;
import cn.carecircle.api.contract.model.CommunityRefDto;
import cn.carecircle.api.contract.model.CreateCommunityRequestDto;
import cn.carecircle.api.contract.model.GeoPointDto;
import cn.carecircle.api.contract.model.PriceListEntryDto;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
public interface CommunityMapper {

    CommunityDto toDto(Community community);

    CommunityRefDto toRef(Community community);

    @Mapping(target = "travelTimeLimitMinutes", defaultValue = "15")
    CreateCommunityCommand toCommand(CreateCommunityRequestDto dto);

    GeoPointDto toDto(GeoPoint point);

    PriceListEntryDto toDto(PriceListEntry entry);

    PriceListEntry toEntry(PriceListEntryDto dto);

    default GeoPoint toPoint(GeoPointDto dto) {
        return dto == null ? null : new GeoPoint(dto.getLat(), dto.getLon());
    }
}
