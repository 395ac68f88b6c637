package cn.carecircle.api.providers;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.community.CommunityMapper;
import cn.carecircle.api.contract.model.CredentialDto;
import cn.carecircle.api.contract.model.CredentialInputDto;
import cn.carecircle.api.contract.model.OnboardProviderRequestDto;
import cn.carecircle.api.contract.model.ProviderDto;
import cn.carecircle.api.contract.model.WorkingHoursDto;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(uses = CommunityMapper.class, imports = Masking.class)
interface ProviderMapper {

    @Mapping(target = "maskedPhone", expression = "java(Masking.phone(provider.phone()))")
    ProviderDto toDto(Provider provider);

    @Mapping(target = "verification", source = "verification")
    CredentialDto toDto(Credential credential);

    OnboardProviderCommand toCommand(OnboardProviderRequestDto dto);

    CredentialInput toInput(CredentialInputDto dto);

    WorkingHoursDto toDto(WorkingHours hours);

    WorkingHours toHours(WorkingHoursDto dto);

    default String time(LocalTime time) {
        return time == null ? null : String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    default LocalTime time(String text) {
        return text == null ? null : LocalTime.parse(text);
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
