package cn.carecircle.api.timebank;

import cn.carecircle.api.contract.model.RecordServiceRequestDto;
import cn.carecircle.api.contract.model.ServiceRecordDto;
import cn.carecircle.api.contract.model.TimeBankAccountDto;
import cn.carecircle.api.contract.model.TimeBankLegDto;
import cn.carecircle.api.contract.model.TimeBankPostingDto;
import cn.carecircle.api.contract.model.TimeBankRuleSetDto;
import cn.carecircle.api.contract.model.TimeBankRulesDto;
import cn.carecircle.api.contract.model.TimeBankRulesInputDto;
import cn.carecircle.api.contract.model.TimeBankSignalDto;
import cn.carecircle.api.contract.model.TimeBankSignalFiguresDto;
import cn.carecircle.api.contract.model.TimeBankSignalPartyDto;
import cn.carecircle.api.contract.model.TimeBankSignalThresholdsDto;
import cn.carecircle.api.contract.model.TimeBankSignalsDto;
import cn.carecircle.api.contract.model.TimeBankStatementLineDto;
import cn.carecircle.api.contract.model.TimeBankSummaryDto;
import java.time.Duration;
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
    @Mapping(
            target = "freeForSpecialDifficulty",
            expression = "java(dto.getFreeForSpecialDifficulty() == null || dto.getFreeForSpecialDifficulty())")
    Rules toRules(TimeBankRulesInputDto dto);

    TimeBankSummaryDto toDto(TimeBankService.MonthSummary summary);

    TimeBankSignalsDto toDto(TimeBankSignals.Signals signals);

    TimeBankSignalDto toDto(TimeBankSignals.Signal signal);

    TimeBankSignalPartyDto toDto(TimeBankSignals.Party party);

    TimeBankSignalFiguresDto toDto(TimeBankSignals.Figures figures);

    default TimeBankSignalThresholdsDto thresholds(SignalProperties p) {
        return new TimeBankSignalThresholdsDto()
                .earningWindowDays(days(p.earningWindow()))
                .earningSharePercent(p.earningSharePercent())
                .earningMinPostings(p.earningMinPostings())
                .refusalWindowDays(days(p.refusalWindow()))
                .refusalMinCount(p.refusalMinCount())
                .travelWindowDays(days(p.travelWindow()))
                .travelMaxSpeedKmh(p.travelMaxSpeedKmh())
                .travelMinMetres(p.travelMinMetres())
                .quickHopMetres(p.quickHopMetres())
                .quickHopMinutes((int) p.quickHopWithin().toMinutes());
    }

    private static int days(Duration d) {
        return (int) d.toDays();
    }

    default String month(YearMonth month) {
        return month.toString();
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
