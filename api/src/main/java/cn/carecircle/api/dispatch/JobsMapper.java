package cn.carecircle.api.dispatch;

import cn.carecircle.api.contract.model.GeoPointDto;
import cn.carecircle.api.contract.model.JobDto;
import cn.carecircle.api.contract.model.OfferDto;
import cn.carecircle.api.contract.model.OfferStatusDto;
import cn.carecircle.api.contract.model.OrderStatusDto;
import cn.carecircle.api.contract.model.ServiceTypeDto;
import cn.carecircle.api.contract.model.SettlementDto;
import cn.carecircle.api.contract.model.TimeWindowDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface JobsMapper {

    @Mapping(target = "window", expression = "java(window(offer.windowStart(), offer.windowEnd()))")
    OfferDto toDto(DispatchRepository.Offer offer);

    /** The job; the elder's name, address, phone and home only while the job is the provider's to serve. */
    default JobDto toDto(Visits.Job job) {
        var order = job.order();
        var seat = job.seat();
        JobDto dto = new JobDto(
                order.id(),
                seat.seatNo(),
                ServiceTypeDto.fromValue(order.service().name()),
                OrderStatusDto.fromValue(order.status().name()),
                window(order.windowStart(), order.windowEnd()),
                order.durationMinutes(),
                seat.checkInLocked());
        dto.setSettlement(SettlementDto.fromValue(order.settlement().name()));
        dto.setNotes(order.notes());
        dto.setCheckedInAt(at(seat.checkedInAt()));
        dto.setCheckedOutAt(at(seat.checkedOutAt()));
        dto.setCheckOutNote(seat.checkOutNote());
        if (job.showContact()) {
            dto.setElderName(job.elder().name());
            dto.setAddress(job.elder().address());
            dto.setPhone(job.elder().phone());
            dto.setHome(new GeoPointDto(
                    job.elder().location().lat(), job.elder().location().lon()));
        }
        return dto;
    }

    default OfferStatusDto status(DispatchRepository.OfferStatus status) {
        return OfferStatusDto.fromValue(status.name());
    }

    default TimeWindowDto window(Instant start, Instant end) {
        return new TimeWindowDto(at(start), at(end));
    }

    default OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
