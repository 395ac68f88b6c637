package cn.carecircle.api.dispatch;

import cn.carecircle.api.contract.DispatchApi;
import cn.carecircle.api.contract.model.CandidateListDto;
import cn.carecircle.api.contract.model.IneligibilityReasonDto;
import cn.carecircle.api.contract.model.IneligibleCandidateDto;
import cn.carecircle.api.contract.model.RankedCandidateDto;
import cn.carecircle.api.contract.model.ScoreComponentDto;
import cn.carecircle.api.contract.model.TravelModeDto;
import cn.carecircle.api.security.Caller;
import cn.carecircle.matching.IneligibleCandidate;
import cn.carecircle.matching.RankedCandidate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class DispatchController implements DispatchApi {

    private final DispatchBoard board;

    DispatchController(DispatchBoard board) {
        this.board = board;
    }

    @Override
    public Mono<ResponseEntity<CandidateListDto>> listOrderCandidates(UUID orderId, ServerWebExchange exchange) {
        return Mono.defer(() -> board.candidates(Caller.of(exchange), orderId))
                .map(b -> ResponseEntity.ok(new CandidateListDto(
                        b.result().evaluatedAt().atOffset(ZoneOffset.UTC),
                        b.travelLimitMinutes(),
                        b.result().eligible().stream()
                                .map(c -> ranked(c, b.names()))
                                .toList(),
                        b.result().ineligible().stream()
                                .map(c -> ineligible(c, b.names()))
                                .toList())));
    }

    private static RankedCandidateDto ranked(RankedCandidate c, Map<UUID, String> names) {
        return new RankedCandidateDto(
                UUID.fromString(c.providerId()),
                names.getOrDefault(UUID.fromString(c.providerId()), ""),
                round(c.travelMinutes()),
                TravelModeDto.fromValue(c.mode().name()),
                RankedCandidateDto.OriginEnum.fromValue(c.from().name()),
                round(c.score().total()),
                c.score().components().stream()
                        .map(s -> new ScoreComponentDto(
                                ScoreComponentDto.ComponentEnum.fromValue(
                                        s.component().name()),
                                round(s.value()),
                                s.weight(),
                                round(s.points()),
                                s.explanation()))
                        .toList());
    }

    private static IneligibleCandidateDto ineligible(IneligibleCandidate c, Map<UUID, String> names) {
        IneligibleCandidateDto dto = new IneligibleCandidateDto(
                UUID.fromString(c.providerId()),
                names.getOrDefault(UUID.fromString(c.providerId()), ""),
                c.violations().stream()
                        .map(v -> new IneligibilityReasonDto(
                                v.rule().name(), v.hard(), v.rule().description(), v.detail()))
                        .toList());
        dto.setTravelMinutes(Double.isFinite(c.travelMinutes()) ? round(c.travelMinutes()) : null);
        return dto;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
