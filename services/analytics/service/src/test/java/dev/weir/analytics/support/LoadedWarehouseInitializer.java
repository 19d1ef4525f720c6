package dev.weir.analytics.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.weir.analytics.system.WarehouseReader;
import dev.weir.testing.infra.TestPorts;

/**
 * Points the Analytics service at the {@link LoadedWarehouse}, as its read-only login
 * role, and at an Ingest admin API nobody listens on.
 */
public class LoadedWarehouseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        WarehouseDatabase database = LoadedWarehouse.get().database;
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("loaded-warehouse",
                    Map.of("spring.datasource.url", database.url(), "spring.datasource.username", WarehouseReader.LOGIN,
                            "spring.datasource.password", WarehouseDatabase.READER_PASSWORD,
                            "weir.analytics.ingest.url", "http://127.0.0.1:" + TestPorts.free())));
    }

}
