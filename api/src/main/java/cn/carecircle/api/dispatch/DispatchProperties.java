package cn.carecircle.api.dispatch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How offers go out and visits are proven.
 *
 * @param offersPerRound providers offered per empty seat in each round
 * @param immediateOfferTtl how long an offer of an order for now stays open
 * @param scheduledOfferTtl how long an offer of a scheduled order stays open
 * @param immediateDeadline how long rounds go on for an order for now before it escalates
 * @param scheduledDeadlineBeforeStart a scheduled order escalates this long before its window starts
 * @param noShowGrace no check-in this long after the window starts (or after the provider could have arrived) is a
 *     no-show
 * @param checkInRadiusMetres how close to the elder's home a check-in must be
 * @param maxWrongCodes wrong visit codes that lock check-in
 * @param expiringWithin the board shows a matching order when its deadline is this close
 */
@Validated
@ConfigurationProperties("carecircle.dispatch")
public record DispatchProperties(
        @DefaultValue("3") @Min(1) @Max(50) int offersPerRound,
        @DefaultValue("PT60S") Duration immediateOfferTtl,
        @DefaultValue("PT10M") Duration scheduledOfferTtl,
        @DefaultValue("PT10M") Duration immediateDeadline,
        @DefaultValue("PT30M") Duration scheduledDeadlineBeforeStart,
        @DefaultValue("PT15M") Duration noShowGrace,
        @DefaultValue("200") @Min(20) @Max(2000) int checkInRadiusMetres,
        @DefaultValue("5") @Min(1) @Max(20) int maxWrongCodes,
        @DefaultValue("PT3M") Duration expiringWithin) {}
