package dev.weir.platform.embedded.testing;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the shared test Kafka broker ({@link TestKafka}),
 * started on first use ({@code @ContextConfiguration(initializers = ...)}).
 */
public class TestKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("test-kafka",
                    Map.of("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers())));
    }

}
