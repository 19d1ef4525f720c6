package dev.weir.edge.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What several features of the edge share. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
