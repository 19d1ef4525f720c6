package dev.weir.analytics.system;

import java.time.Clock;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

    /** The time freshness is measured by (tests replace it). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Kept answers are sent again in front of the servlet stack while their data is
     * unchanged.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "weir.analytics.cache.enabled", matchIfMissing = true)
    JettyServerCustomizer keptAnswers(ObjectProvider<RenderedAnswers> answers, ObjectProvider<DataVersions> versions,
            ObjectProvider<MeterRegistry> meters) {
        return (server) -> {
            KeptAnswersHandler kept = new KeptAnswersHandler(server.getHandler(), answers::getIfAvailable,
                    versions::getIfAvailable);
            server.setHandler(kept);
            meters.ifAvailable((registry) -> FunctionCounter
                .builder("weir.analytics.kept.answers", kept, KeptAnswersHandler::answered)
                .description("Answers sent again from memory, in front of the servlet stack")
                .register(registry));
        };
    }

}
