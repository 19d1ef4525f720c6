package dev.weir.retail.system;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Retail service's schema {@code retail} and its migrations
 * ({@code classpath:db/retail}). The one place that says how the schema is migrated, used
 * by the service at start-up and by the bulk import when it runs before the service ever
 * has.
 */
@Configuration(proxyBeanMethods = false)
public class RetailSchema {

    public static final String SCHEMA = "retail";

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    /**
     * Brings schema {@code retail} up to date for a one-shot command (the bulk import):
     * runs Flyway unless every migration on the class path is a versioned one that is
     * applied already: starting Flyway in a fresh JVM takes longer than many imports
     * ({@code docs/import.md}); the service, which starts it anyway, validates the schema
     * in full.
     */
    public static void migrateIfBehind(DataSource dataSource) {
        if (!upToDate(dataSource)) {
            configure(dataSource).migrate();
        }
    }

    /**
     * Whether every migration in {@code classpath:db/retail} is versioned and applied;
     * when in doubt, no.
     */
    static boolean upToDate(DataSource dataSource) {
        Set<String> available = new HashSet<>();
        try {
            for (Resource migration : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:db/retail/*.sql")) {
                Matcher version = VERSIONED.matcher(String.valueOf(migration.getFilename()));
                if (!version.matches()) {
                    return false;
                }
                available.add(version.group(1).replace('_', '.'));
            }
        }
        catch (IOException ex) {
            return false;
        }
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version FROM retail.flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
        }
        catch (SQLException ex) {
            // no schema history yet
            return false;
        }
        return !available.isEmpty() && applied.containsAll(available);
    }

    /** A Flyway that migrates schema {@code retail} of the given database. */
    public static Flyway configure(DataSource dataSource) {
        return configuration(dataSource).load();
    }

    /**
     * The configuration {@link #configure} loads, for callers that set more (a target
     * version, in tests of a migration).
     */
    public static FluentConfiguration configuration(DataSource dataSource) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(SCHEMA)
            .defaultSchema(SCHEMA)
            .locations("classpath:db/retail");
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
