package dev.weir.analytics;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Analytics service: a read-only query API over the warehouse (PostgreSQL schema
 * {@code warehouse}, written by the Pipeline service) for retail, food hygiene, weather,
 * rides and pipeline health, and the live dashboard page {@code /dashboard}. It connects
 * as a role that may only read the warehouse. Runs inside {@code weir up} or on its own
 * ({@code WEIR_ANALYTICS_DB_URL}, {@code WEIR_ANALYTICS_DB_USER},
 * {@code WEIR_ANALYTICS_DB_PASSWORD}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsApplication {

    /**
     * The name of the service's configuration file ({@code analytics.yml}) and of the
     * service.
     */
    public static final String NAME = "analytics";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** An application builder for the service, reading {@code analytics.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AnalyticsApplication.class).main(AnalyticsApplication.class)
            .properties("spring.config.name=" + NAME);
    }

}
