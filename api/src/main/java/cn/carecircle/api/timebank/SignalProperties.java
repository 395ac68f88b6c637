package cn.carecircle.api.timebank;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the time bank's collusion signals are raised.
 *
 * @param earningWindow how far back a volunteer's earnings are looked at
 * @param earningSharePercent the share of them from one elder's orders that raises a signal
 * @param earningMinPostings and the fewest postings from that elder's orders that do
 * @param refusalWindow how far back refusals by earning caps are counted
 * @param refusalMinCount the refusals in that window that raise a signal
 * @param travelWindow how far back check-ins are compared
 * @param travelMaxSpeedKmh travel between consecutive check-ins faster than this raises a signal
 * @param travelMinMetres from this distance on: closer check-ins are within two check-in radii of GPS error
 * @param quickHopMetres check-ins at homes farther apart than this ...
 * @param quickHopWithin ... and at most this long apart raise a signal, whatever the check-out said
 */
@Validated
@ConfigurationProperties("carecircle.timebank.signals")
record SignalProperties(
        @DefaultValue("90d") Duration earningWindow,
        @DefaultValue("80") @Min(1) @Max(100) int earningSharePercent,
        @DefaultValue("5") @Min(1) int earningMinPostings,
        @DefaultValue("30d") Duration refusalWindow,
        @DefaultValue("3") @Min(1) int refusalMinCount,
        @DefaultValue("90d") Duration travelWindow,
        @DefaultValue("60") @Min(1) int travelMaxSpeedKmh,
        @DefaultValue("500") @Min(0) int travelMinMetres,
        @DefaultValue("1000") @Min(1) int quickHopMetres,
        @DefaultValue("3m") Duration quickHopWithin) {}
