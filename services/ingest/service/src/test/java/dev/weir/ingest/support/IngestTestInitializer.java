package dev.weir.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A data directory of the test JVM's own, and the built-in connectors aimed at the test
 * upstreams ({@link TestUpstream}) by the same variables an operator sets
 * ({@code WEIR_CONNECTOR_FHRS_BASE_URL}, ...), with a budget and page size that keep the
 * tests quick.
 */
public class IngestTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static Path dataDir;

    public static synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("weir-test-ingest");
                Files.createDirectories(dataDir.resolve("connectors"));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return dataDir;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("ingest-test",
                    Map.of("weir.ingest.data-dir", dataDir().toString(), "WEIR_CONNECTOR_FHRS_BASE_URL",
                            TestUpstream.fhrs().baseUrl(), "WEIR_CONNECTOR_FHRS_BUDGET_REQUESTS_PER_SECOND", "200",
                            "WEIR_CONNECTOR_FHRS_STREAMS_ESTABLISHMENTS_PAGINATE_SIZE",
                            Integer.toString(FhrsSlice.PAGE_SIZE), "WEIR_CONNECTOR_OPEN_METEO_BASE_URL",
                            TestUpstream.baseUrl(), "WEIR_CONNECTOR_OPEN_METEO_BUDGET_REQUESTS_PER_SECOND", "200")));
    }

}
