package cn.carecircle.api.orders;

import cn.carecircle.api.common.Masking;
import cn.carecircle.api.contract.model.OrderDto;
import cn.carecircle.api.contract.model.OrderEventDto;
import cn.carecircle.api.contract.model.OrderRequirementsDto;
import cn.carecircle.api.contract.model.OrderSeatDto;
import cn.carecircle.api.contract.model.PlaceOrderRequestDto;
import cn.carecircle.api.contract.model.TimeWindowDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(imports = Masking.class)
public interface OrderMapper {

    @Mapping(target = "window", expression = "java(window(order.windowStart(), order.windowEnd()))")
    @Mapping(target = "elderMaskedName", expression = "java(Masking.name(order.elderName()))")
    OrderDto toDto(Order order);

    OrderEventDto toDto(OrderEvent event);

    OrderSeatDto toDto(Order.Seat seat);

    OrderRequirementsDto toDto(Order.Requirements requirements);

    @Mapping(target = "windowStart", source = "window.start")
    @Mapping(target = "windowEnd", source = "window.end")
    PlaceOrderCommand toCommand(PlaceOrderRequestDto dto);

    Order.Requirements toRequirements(OrderRequirementsDto dto);

    default TimeWindowDto window(Instant start, Instant end) {
        return new TimeWindowDto(at(start), at(end));
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    default Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    default boolean flag(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
