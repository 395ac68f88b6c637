package cn.carecircle.api.notifications;

import cn.carecircle.api.contract.model.DeviceTokenDto;
import cn.carecircle.api.contract.model.OrderEventDto;
import cn.carecircle.api.orders.OrderEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;

@Mapper
interface NotificationMapper {

    DeviceTokenDto toDto(DeviceToken device);

    OrderEventDto toDto(OrderEvent event);

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
