package dev.weir.testing.infra;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a Spring test context's Kafka clients at the shared test broker. */
public class TestKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("test-kafka",
                    Map.of("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers())));
    }

}
