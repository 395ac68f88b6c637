package cn.carecircle.api.common;

import java.time.Clock;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    /** Every time-based rule reads this clock; tests replace it with one they move. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PersonalDataProtector personalDataProtector(CareCircleProperties properties) {
        return new PersonalDataProtector(
                Base64.getDecoder().decode(properties.crypto().dataKey()),
                Base64.getDecoder().decode(properties.crypto().indexKey()));
    }
}
