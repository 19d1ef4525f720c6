package dev.weir.ingest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.ingest.IngestApplication;
import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestKafkaInitializer;
import dev.weir.testing.infra.TestTokensInitializer;

/**
 * The Ingest service on a random port, with an empty database of the test PostgreSQL, the
 * test Kafka broker, a data directory of its own, and the built-in connectors pointed at
 * the {@link TestUpstream} (through {@code WEIR_CONNECTOR_*} overrides, as an operator
 * would), and a Java connector ({@link TokenPagedConnector}); tokens of the test issuer
 * ({@code TestTokens}) are checked. Schedules are off: tests start runs themselves. Every
 * test class with this annotation shares one context, so tests use connector names of
 * their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + IngestApplication.NAME, "weir.ingest.schedules.enabled=false",
                "weir.ingest.lock-lease=3s", "weir.ingest.ack-timeout=30s", "weir.ingest.lake.roll-age=1s",
                "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN" })
@Import(TestConnectorBeans.class)
@ContextConfiguration(initializers = { FreshDatabaseInitializer.class, TestKafkaInitializer.class,
        IngestTestInitializer.class, TestTokensInitializer.class })
public @interface IngestIT {

}
