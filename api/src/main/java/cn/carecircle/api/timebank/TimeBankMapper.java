package cn.carecircle.api.timebank;

import cn.carecircle.api.contract.model.RecordServiceRequestDto;
import cn.carecircle.api.contract.model.ServiceRecordDto;
import cn.carecircle.api.contract.model.TimeBankAccountDto;
import cn.carecircle.api.contract.model.TimeBankLegDto;
import cn.carecircle.api.contract.model.TimeBankPostingDto;
import cn.carecircle.api.contract.model.TimeBankRuleSetDto;
import cn.carecircle.api.contract.model.TimeBankRulesDto;
import cn.carecircle.api.contract.model.TimeBankRulesInputDto;
import cn.carecircle.api.contract.model.TimeBankStatementLineDto;
import cn.carecircle.api.contract.model.TimeBankSummaryDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface TimeBankMapper {

    TimeBankAccountDto toDto(TimeBankAccount account);

    TimeBankPostingDto toDto(Posting posting);

    TimeBankLegDto toDto(Posting.Leg leg);

    TimeBankStatementLineDto toDto(StatementLine line);

    ServiceRecordDto toDto(ServiceRecord record);

    ServiceRecords.RecordCommand toCommand(RecordServiceRequestDto dto);

    @Mapping(target = "dailyEarningCapMinutes", source = "dailyEarningCap")
    @Mapping(target = "lifetimeEarningCapMinutes", source = "lifetimeEarningCap")
    TimeBankRulesDto toDto(Rules rules);

    TimeBankRuleSetDto toDto(CommunityRules.RuleSet set);

    @Mapping(target = "version", constant = "0")
    @Mapping(target = "dailyEarningCap", source = "dailyEarningCapMinutes")
    @Mapping(target = "lifetimeEarningCap", source = "lifetimeEarningCapMinutes")
    Rules toRules(TimeBankRulesInputDto dto);

    TimeBankSummaryDto toDto(TimeBankService.MonthSummary summary);

    default String month(YearMonth month) {
        return month.toString();
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
