package cn.carecircle.api.reports;

import cn.carecircle.api.contract.model.MonthlyReportDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;

@Mapper
interface ReportMapper {

    MonthlyReportDto toDto(MonthlyReport report);

    default String month(YearMonth month) {
        return month == null ? null : month.toString();
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
