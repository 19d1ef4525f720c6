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

import dev.weir.platform.web.spi.RequestGuard;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

    /** The time freshness is measured by (tests replace it). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Under {@code weir up}: the pool connects as the read-only role, created at start
     * with the user the launcher gives ({@link ReaderLogin}); its settings are
     * {@code spring.datasource.hikari.*} as usual.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "weir.analytics.reader.ensure")
    @org.springframework.boot.context.properties.ConfigurationProperties("spring.datasource.hikari")
    com.zaxxer.hikari.HikariDataSource dataSource(org.springframework.core.env.Environment environment) {
        String url = environment.getRequiredProperty("spring.datasource.url");
        ReaderLogin.Login login = ReaderLogin.ensure(url, environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password", ""),
                environment.getProperty("weir.analytics.reader.login", WarehouseReader.LOGIN), java.nio.file.Path
                    .of(environment.getProperty("weir.analytics.reader.password-file", "analytics-password")));
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(login.user());
        dataSource.setPassword(login.password());
        return dataSource;
    }

    /**
     * Every {@code limit} query parameter is read as text ({@link Params#limit}, so that
     * a wrong one is a 422 naming it); the document says what it takes: a whole number
     * from 1 to the largest page, the configured default when absent.
     */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer pageSizes(AnalyticsProperties properties) {
        return (openApi) -> dev.weir.platform.web.PageSizes.describe(openApi, properties.pages().defaultSize(),
                properties.pages().maxSize());
    }

    /**
     * Kept answers are sent again in front of the servlet stack while their data is
     * unchanged.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "weir.analytics.cache.enabled", matchIfMissing = true)
    JettyServerCustomizer keptAnswers(ObjectProvider<RenderedAnswers> answers, ObjectProvider<DataVersions> versions,
            ObjectProvider<RequestGuard> guards, ObjectProvider<MeterRegistry> meters) {
        return (server) -> {
            KeptAnswersHandler kept = new KeptAnswersHandler(server.getHandler(), answers::getIfAvailable,
                    versions::getIfAvailable, () -> guards.orderedStream().toList());
            server.setHandler(kept);
            meters.ifAvailable((registry) -> FunctionCounter
                .builder("weir.analytics.kept.answers", kept, KeptAnswersHandler::answered)
                .description("Answers sent again from memory, in front of the servlet stack")
                .register(registry));
        };
    }

}
