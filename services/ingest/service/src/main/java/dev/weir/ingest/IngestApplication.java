package dev.weir.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Ingest service: pull connectors declared in YAML, run on schedules (once per
 * cluster) or on demand, writing raw records to Kafka ({@code weir.raw.<dataset>}); its
 * state (checkpoints, request fingerprints, run history) in PostgreSQL schema
 * {@code ingest}; an admin API on port 8082. Runs inside {@code weir up} or on its own
 * ({@code WEIR_DB_URL} and {@code WEIR_KAFKA_BOOTSTRAP}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    /**
     * The name of the service's configuration file ({@code ingest.yml}) and of the
     * service.
     */
    public static final String NAME = "ingest";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** An application builder for the service, reading {@code ingest.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestApplication.class).main(IngestApplication.class)
            .properties("spring.config.name=" + NAME);
    }

}
