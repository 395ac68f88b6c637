package cn.carecircle.api.ratings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param window how long after completion an order may be rated
 * @param followUpWorkingDays working days a follow-up case has, counted from the day after it opened
 * @param suspensionThreshold upheld (or partly upheld) bad ratings within {@code suspensionPeriod} that suspend a
 *     provider pending review
 * @param suspensionPeriod the period those ratings are counted in, back from the finding
 * @param zone the time zone of the working-day calendar and of the statistics' months
 */
@Validated
@ConfigurationProperties("carecircle.ratings")
public record RatingsProperties(
        @DefaultValue("P7D") Duration window,
        @DefaultValue("5") @Min(1) @Max(30) int followUpWorkingDays,
        @DefaultValue("3") @Min(1) @Max(20) int suspensionThreshold,
        @DefaultValue("P30D") Duration suspensionPeriod,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {}
