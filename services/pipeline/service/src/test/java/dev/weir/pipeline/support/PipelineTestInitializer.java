package dev.weir.pipeline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.testing.infra.TestPorts;

/**
 * A Kafka broker of its own for each pipeline test context, and a data directory: the
 * pipeline's topics have fixed names ({@code weir.raw.fhrs}), so contexts sharing the
 * JVM's test broker would read each other's records and counts could not be exact.
 */
public class PipelineTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Path home = Files.createTempDirectory("weir-pipeline-test");
            EmbeddedKafka broker = EmbeddedKafka.start(home.resolve("kafka"), TestPorts.free(), TestPorts.free());
            // a bean, so it is closed after the pipeline's clients stopped
            ((GenericApplicationContext) context).registerBean("pipelineTestKafka", EmbeddedKafka.class, () -> broker,
                    (definition) -> definition.setDestroyMethodName("close"));
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("pipeline-test", Map.of("spring.kafka.bootstrap-servers",
                        broker.bootstrapServers(), "weir.pipeline.data-dir", home.toString())));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
