package dev.weir.testing.infra;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.weir.platform.embedded.EmbeddedPostgres;

/**
 * Points a Spring test context at a new, empty database on the shared test PostgreSQL
 * ({@code @ContextConfiguration(initializers = FreshDatabaseInitializer.class)}).
 */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgres postgres = TestPostgres.server();
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("fresh-test-database",
                    Map.of("spring.datasource.url", TestPostgres.newDatabase(), "spring.datasource.username",
                            postgres.username(), "spring.datasource.password", postgres.password())));
    }

}
