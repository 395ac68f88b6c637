package cn.carecircle.api.visits;

import cn.carecircle.api.contract.model.RecordVisitRequestDto;
import cn.carecircle.api.contract.model.VisitMonthDto;
import cn.carecircle.api.contract.model.VisitRecordDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;

@Mapper
interface VisitMapper {

    VisitRecordDto toDto(VisitRecord record);

    VisitMonthDto toDto(VisitMonth month);

    RecordVisitCommand toCommand(RecordVisitRequestDto dto);

    default String month(YearMonth month) {
        return month == null ? null : month.toString();
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    default Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
