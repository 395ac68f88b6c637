package cn.carecircle.api.elders;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.community.CommunityMapper;
import cn.carecircle.api.contract.model.CreateElderRequestDto;
import cn.carecircle.api.contract.model.ElderDto;
import cn.carecircle.api.contract.model.ElderSummaryDto;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(uses = CommunityMapper.class, imports = Masking.class)
interface ElderMapper {

    ElderDto toDto(Elder elder);

    @Mapping(target = "maskedName", expression = "java(Masking.name(elder.name()))")
    @Mapping(target = "maskedPhone", expression = "java(Masking.phone(elder.phone()))")
    @Mapping(target = "age", source = "age")
    ElderSummaryDto toSummary(Elder elder, int age);

    CreateElderCommand toCommand(CreateElderRequestDto dto);

    default boolean flag(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
