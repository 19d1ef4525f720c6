package dev.weir.pipeline.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.pipeline.PipelineApplication;
import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestTokensInitializer;

/**
 * The Pipeline service on a random port, with an empty database of the test PostgreSQL
 * and a Kafka broker of its own ({@link PipelineTestInitializer}). The Retail export is
 * not read (no Retail service runs); tests produce the raw records they need.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = PipelineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + PipelineApplication.NAME, "weir.pipeline.retail.export=false",
                "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN", "logging.level.org.apache.kafka.streams=INFO",
                "logging.level.org.springframework.kafka=DEBUG" })
@ContextConfiguration(
        initializers = { FreshDatabaseInitializer.class, PipelineTestInitializer.class, TestTokensInitializer.class })
public @interface PipelineIT {

}
