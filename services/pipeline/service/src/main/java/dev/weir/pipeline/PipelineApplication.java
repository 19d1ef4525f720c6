package dev.weir.pipeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Pipeline service: raw records of every dataset cleaned by Kafka Streams
 * ({@code exactly_once_v2}) into {@code weir.clean.<dataset>} or dead-lettered into
 * {@code weir.dlq.<dataset>}, and loaded into PostgreSQL schema {@code warehouse} with
 * the loader's offsets in the rows' transaction; dead-letter replay, reconciliation, and
 * an admin API on port 8083. Runs inside {@code weir up} or on its own
 * ({@code WEIR_DB_URL}, {@code WEIR_KAFKA_BOOTSTRAP}, {@code WEIR_RETAIL_URL}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PipelineApplication {

    /**
     * The name of the service's configuration file ({@code pipeline.yml}) and of the
     * service.
     */
    public static final String NAME = "pipeline";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** An application builder for the service, reading {@code pipeline.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PipelineApplication.class).main(PipelineApplication.class)
            .properties("spring.config.name=" + NAME);
    }

}
