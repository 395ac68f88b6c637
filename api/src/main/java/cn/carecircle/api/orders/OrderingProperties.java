package cn.carecircle.api.orders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxDaysAhead how far ahead a scheduled order may be placed
 * @param dispatchLeadTime how long before a scheduled window dispatch starts looking for providers
 * @param autoConfirmAfter a completed order neither confirmed nor disputed confirms itself after this long
 */
@Validated
@ConfigurationProperties("carecircle.orders")
public record OrderingProperties(
        @DefaultValue("30") @Min(1) @Max(90) int maxDaysAhead,
        @DefaultValue("PT2H") Duration dispatchLeadTime,
        @DefaultValue("PT48H") Duration autoConfirmAfter) {}
