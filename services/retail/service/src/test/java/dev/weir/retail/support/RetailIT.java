package dev.weir.retail.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestKafkaInitializer;
import dev.weir.testing.infra.TestTokensInitializer;
import dev.weir.retail.RetailApplication;

/**
 * The Retail service on random ports (HTTP, and gRPC: {@code WeirGrpcServer#port()}), on
 * its own empty database of the test PostgreSQL, publishing its events to the shared test
 * Kafka broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = RetailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + RetailApplication.NAME, "weir.grpc.port=0" })
@ContextConfiguration(
        initializers = { FreshDatabaseInitializer.class, TestKafkaInitializer.class, TestTokensInitializer.class })
public @interface RetailIT {

}
