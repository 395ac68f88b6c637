package cn.carecircle.api.mealplans;

import cn.carecircle.api.contract.MealPlansApi;
import cn.carecircle.api.contract.model.MealPlanDaysDto;
import cn.carecircle.api.contract.model.MealPlanDto;
import cn.carecircle.api.contract.model.MealPlanOccurrenceDto;
import cn.carecircle.api.contract.model.MealPlanStatusDto;
import cn.carecircle.api.contract.model.OrderChannelDto;
import cn.carecircle.api.contract.model.OrderStatusDto;
import cn.carecircle.api.contract.model.PlaceMealPlanRequestDto;
import cn.carecircle.api.contract.model.ReasonRequestDto;
import cn.carecircle.api.contract.model.SettlementDto;
import cn.carecircle.api.orders.Order;
import cn.carecircle.api.security.Caller;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class MealPlansController implements MealPlansApi {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final MealPlanService plans;

    MealPlansController(MealPlanService plans) {
        this.plans = plans;
    }

    @Override
    public Mono<ResponseEntity<MealPlanDto>> placeMealPlan(
            Mono<PlaceMealPlanRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(dto -> new MealPlanService.PlaceCommand(
                        dto.getElderId(),
                        dto.getCanteenId(),
                        MealPlan.Days.valueOf(dto.getDays().getValue()),
                        dto.getWeeks(),
                        dto.getFirstDay(),
                        LocalTime.parse(dto.getWindowStart(), HH_MM),
                        dto.getWindowMinutes(),
                        dto.getDurationMinutes(),
                        Order.Settlement.valueOf(dto.getSettlement().getValue()),
                        dto.getNotes()))
                .flatMap(command -> plans.place(caller, command))
                .map(view -> ResponseEntity.status(HttpStatus.CREATED).body(toDto(view)));
    }

    @Override
    public Mono<ResponseEntity<MealPlanDto>> getMealPlan(UUID planId, ServerWebExchange exchange) {
        return Mono.defer(() -> plans.get(Caller.of(exchange), planId)).map(v -> ResponseEntity.ok(toDto(v)));
    }

    @Override
    public Mono<ResponseEntity<Flux<MealPlanDto>>> listMealPlans(UUID elderId, ServerWebExchange exchange) {
        return Mono.defer(() -> plans.ofElder(Caller.of(exchange), elderId).collectList())
                .map(list -> ResponseEntity.ok(Flux.fromIterable(list).map(MealPlansController::toDto)));
    }

    @Override
    public Mono<ResponseEntity<MealPlanDto>> pauseMealPlan(
            UUID planId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> plans.pause(caller, planId, dto.getReason())).map(v -> ResponseEntity.ok(toDto(v)));
    }

    @Override
    public Mono<ResponseEntity<MealPlanDto>> resumeMealPlan(UUID planId, ServerWebExchange exchange) {
        return Mono.defer(() -> plans.resume(Caller.of(exchange), planId)).map(v -> ResponseEntity.ok(toDto(v)));
    }

    @Override
    public Mono<ResponseEntity<MealPlanDto>> cancelMealPlan(
            UUID planId, Mono<ReasonRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(dto -> plans.cancel(caller, planId, dto.getReason()))
                .map(v -> ResponseEntity.ok(toDto(v)));
    }

    private static MealPlanDto toDto(MealPlanService.View view) {
        MealPlan p = view.plan();
        MealPlanDto dto = new MealPlanDto(
                p.id(),
                p.elderId(),
                p.communityId(),
                p.canteenId(),
                OrderChannelDto.fromValue(p.channel().name()),
                MealPlanDaysDto.fromValue(p.days().name()),
                p.firstDay(),
                p.lastDay(),
                p.windowStart().format(HH_MM),
                p.windowMinutes(),
                p.durationMinutes(),
                SettlementDto.fromValue(p.settlement().name()),
                MealPlanStatusDto.fromValue(p.status().name()),
                p.placedAt().atOffset(ZoneOffset.UTC),
                view.upcoming().stream()
                        .map(o -> new MealPlanOccurrenceDto(
                                o.day(),
                                o.orderId(),
                                OrderStatusDto.fromValue(o.status().name())))
                        .toList());
        dto.setNotes(p.notes());
        dto.setCreatedThrough(p.createdThrough());
        dto.setShortOfMinutesFrom(p.shortOfMinutesFrom());
        if (view.price() != null) {
            boolean paid = p.settlement() == Order.Settlement.PAID;
            dto.setPriceFen(paid ? view.price().priceFen() : null);
            dto.setPriceMinutes(paid ? null : view.price().timeBankMinutes());
        }
        return dto;
    }
}
