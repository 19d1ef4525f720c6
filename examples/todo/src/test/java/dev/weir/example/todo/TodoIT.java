package dev.weir.example.todo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestKafkaInitializer;

/**
 * The TODO service on a random port, an empty database of the test PostgreSQL, and the
 * test broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TodoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + TodoApplication.NAME, "weir.grpc.port=0" })
@ContextConfiguration(initializers = { FreshDatabaseInitializer.class, TestKafkaInitializer.class })
public @interface TodoIT {

}
