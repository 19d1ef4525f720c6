package dev.weir.retail.system;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Retail service's schema {@code retail} and its migrations
 * ({@code classpath:db/retail}). The one place that says how the schema is migrated, used
 * by the service at start-up and by the bulk import when it runs before the service ever
 * has.
 */
@Configuration(proxyBeanMethods = false)
public class RetailSchema {

    public static final String SCHEMA = "retail";

    /** A Flyway that migrates schema {@code retail} of the given database. */
    public static Flyway configure(DataSource dataSource) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(SCHEMA)
            .defaultSchema(SCHEMA)
            .locations("classpath:db/retail")
            .load();
    }

    @Bean
    Flyway flyway(DataSource dataSource) {
        return configure(dataSource);
    }

    @Bean
    FlywayMigrationInitializer flywayInitializer(Flyway flyway) {
        return new FlywayMigrationInitializer(flyway);
    }

}
