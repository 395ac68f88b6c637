package cn.carecircle.api.timebank;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.contract.TimeBankApi;
import cn.carecircle.api.contract.model.GiveMinutesRequestDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
import cn.carecircle.api.contract.model.RecordServiceRequestDto;
import cn.carecircle.api.contract.model.ServiceRecordDto;
import cn.carecircle.api.contract.model.ServiceRecordPageDto;
import cn.carecircle.api.contract.model.ServiceRecordStatusDto;
import cn.carecircle.api.contract.model.TimeBankAccountDto;
import cn.carecircle.api.contract.model.TimeBankPostingDto;
import cn.carecircle.api.contract.model.TimeBankRuleSetDto;
import cn.carecircle.api.contract.model.TimeBankRulesInputDto;
import cn.carecircle.api.contract.model.TimeBankSignalsDto;
import cn.carecircle.api.contract.model.TimeBankStatementDto;
import cn.carecircle.api.contract.model.TimeBankSummaryDto;
import cn.carecircle.api.security.Caller;
import java.time.YearMonth;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class TimeBankController implements TimeBankApi {

    private final TimeBankService timeBank;
    private final ServiceRecords records;
    private final CommunityRules rules;
    private final TimeBankSignals signals;
    private final TimeBankMapper mapper;

    TimeBankController(
            TimeBankService timeBank,
            ServiceRecords records,
            CommunityRules rules,
            TimeBankSignals signals,
            TimeBankMapper mapper) {
        this.timeBank = timeBank;
        this.records = records;
        this.rules = rules;
        this.signals = signals;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<TimeBankAccountDto>> getMyTimeBankAccount(ServerWebExchange exchange) {
        return Mono.defer(() -> timeBank.mine(Caller.of(exchange))).map(a -> ResponseEntity.ok(mapper.toDto(a)));
    }

    @Override
    public Mono<ResponseEntity<TimeBankAccountDto>> getElderTimeBankAccount(UUID elderId, ServerWebExchange exchange) {
        return Mono.defer(() -> timeBank.ofElder(Caller.of(exchange), elderId))
                .map(a -> ResponseEntity.ok(mapper.toDto(a)));
    }

    @Override
    public Mono<ResponseEntity<TimeBankStatementDto>> getTimeBankStatement(
            UUID accountId, Integer page, Integer size, ServerWebExchange exchange) {
        return Mono.defer(() -> timeBank.statement(Caller.of(exchange), accountId, PageRequest.of(page, size)))
                .map(s -> ResponseEntity.ok(new TimeBankStatementDto(
                        mapper.toDto(s.account()),
                        s.lines().items().stream().map(mapper::toDto).toList(),
                        s.lines().page(),
                        s.lines().size(),
                        s.lines().total())));
    }

    @Override
    public Mono<ResponseEntity<TimeBankPostingDto>> giveMinutes(
            Mono<GiveMinutesRequestDto> body, String idempotencyKey, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(dto -> new TimeBankService.GiftCommand(
                        dto.getToElderId(),
                        dto.getToAccountId(),
                        dto.getMinutes(),
                        dto.getMemo(),
                        key(idempotencyKey, dto.getIdempotencyKey())))
                .flatMap(command -> timeBank.give(caller, command))
                .map(result -> ResponseEntity.status(result.replay() ? HttpStatus.OK : HttpStatus.CREATED)
                        .body(mapper.toDto(result.posting())));
    }

    /** The header or the body field; both may be sent if they agree. */
    private static String key(String header, String field) {
        if (header != null && field != null && !header.equals(field)) {
            throw ApiException.invalid(FieldViolation.of(
                    "idempotencyKey", "matches-header", "must equal the Idempotency-Key header when both are sent"));
        }
        return header != null ? header : field;
    }

    @Override
    public Mono<ResponseEntity<ServiceRecordDto>> recordService(
            Mono<RecordServiceRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toCommand)
                .flatMap(command -> records.record(caller, command))
                .map(r -> ResponseEntity.status(HttpStatus.CREATED).body(mapper.toDto(r)));
    }

    @Override
    public Mono<ResponseEntity<ServiceRecordPageDto>> listServiceRecords(
            ServiceRecordStatusDto status, UUID communityId, Integer page, Integer size, ServerWebExchange exchange) {
        return Mono.defer(() -> records.list(
                        Caller.of(exchange),
                        communityId,
                        status == null ? null : ServiceRecord.Status.valueOf(status.getValue()),
                        PageRequest.of(page, size)))
                .map(p -> ResponseEntity.ok(new ServiceRecordPageDto(
                        p.items().stream().map(mapper::toDto).toList(), p.page(), p.size(), p.total())));
    }

    @Override
    public Mono<ResponseEntity<ServiceRecordDto>> approveServiceRecord(UUID recordId, ServerWebExchange exchange) {
        return Mono.defer(() -> records.approve(Caller.of(exchange), recordId))
                .map(r -> ResponseEntity.ok(mapper.toDto(r)));
    }

    @Override
    public Mono<ResponseEntity<ServiceRecordDto>> rejectServiceRecord(
            UUID recordId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> records.reject(caller, recordId, r.getReason()))
                .map(r -> ResponseEntity.ok(mapper.toDto(r)));
    }

    @Override
    public Mono<ResponseEntity<TimeBankRuleSetDto>> getTimeBankRules(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> rules.get(Caller.of(exchange), communityId))
                .map(s -> ResponseEntity.ok(mapper.toDto(s)));
    }

    @Override
    public Mono<ResponseEntity<TimeBankRuleSetDto>> changeTimeBankRules(
            UUID communityId, Mono<TimeBankRulesInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(mapper::toRules)
                .flatMap(r -> rules.change(caller, communityId, r))
                .map(s -> ResponseEntity.ok(mapper.toDto(s)));
    }

    @Override
    public Mono<ResponseEntity<TimeBankSummaryDto>> getTimeBankSummary(
            UUID communityId, String month, ServerWebExchange exchange) {
        return Mono.defer(() -> timeBank.summary(Caller.of(exchange), communityId, YearMonth.parse(month)))
                .map(s -> ResponseEntity.ok(mapper.toDto(s)));
    }

    @Override
    public Mono<ResponseEntity<TimeBankSignalsDto>> getTimeBankSignals(UUID communityId, ServerWebExchange exchange) {
        return Mono.defer(() -> signals.of(Caller.of(exchange), communityId))
                .map(s -> ResponseEntity.ok(mapper.toDto(s)));
    }
}
