package dev.weir.analytics.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.analytics.AnalyticsApplication;
import dev.weir.testing.infra.TestKafkaInitializer;
import dev.weir.testing.infra.TestTokensInitializer;

/**
 * The Analytics service on a random port, reading the {@link LoadedWarehouse} as its
 * read-only role, with the shared test Kafka broker and a {@link TestClock}, checking
 * tokens of the test issuer ({@link TestTokensInitializer}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AnalyticsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + AnalyticsApplication.NAME)
@ContextConfiguration(
        initializers = { LoadedWarehouseInitializer.class, TestKafkaInitializer.class, TestTokensInitializer.class })
@Import(TestClockConfiguration.class)
public @interface AnalyticsIT {

}
