package cn.carecircle.api.coverage;

import cn.carecircle.api.community.CommunityMapper;
import cn.carecircle.api.contract.model.CoverageDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;

@Mapper(uses = CommunityMapper.class)
interface CoverageMapper {

    CoverageDto toDto(Coverage coverage);

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
