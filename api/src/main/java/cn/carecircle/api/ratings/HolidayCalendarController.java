package cn.carecircle.api.ratings;

import cn.carecircle.api.contract.HolidayCalendarApi;
import cn.carecircle.api.contract.model.HolidayCalendarDto;
import cn.carecircle.api.contract.model.HolidayCalendarInputDto;
import cn.carecircle.api.contract.model.HolidayCalendarSummaryDto;
import cn.carecircle.api.ratings.WorkingDayCalendar.YearStatus;
import cn.carecircle.api.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class HolidayCalendarController implements HolidayCalendarApi {

    private final HolidayCalendars calendars;
    private final RatingsMapper mapper;

    HolidayCalendarController(HolidayCalendars calendars, RatingsMapper mapper) {
        this.calendars = calendars;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<Flux<HolidayCalendarSummaryDto>>> listHolidayCalendars(ServerWebExchange exchange) {
        return Mono.defer(() -> calendars.list(Caller.of(exchange)).collectList())
                .map(years -> ResponseEntity.ok(Flux.fromIterable(years).map(mapper::toSummary)));
    }

    @Override
    public Mono<ResponseEntity<HolidayCalendarDto>> getHolidayCalendar(Integer year, ServerWebExchange exchange) {
        return Mono.defer(() -> calendars.get(Caller.of(exchange), year)).map(y -> ResponseEntity.ok(mapper.toDto(y)));
    }

    @Override
    public Mono<ResponseEntity<HolidayCalendarDto>> putHolidayCalendar(
            Integer year, Mono<HolidayCalendarInputDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.map(dto -> new HolidayCalendars.Input(
                        YearStatus.valueOf(dto.getStatus().getValue()),
                        dto.getNotice(),
                        dto.getDays().stream().map(mapper::toDay).toList()))
                .flatMap(input -> calendars.put(caller, year, input))
                .map(y -> ResponseEntity.ok(mapper.toDto(y)));
    }
}
