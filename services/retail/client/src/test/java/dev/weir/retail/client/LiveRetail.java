package dev.weir.retail.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestTokensInitializer;
import dev.weir.retail.RetailApplication;

/**
 * A live Retail service for the client to call: HTTP and gRPC on random ports, on an
 * empty database of the test PostgreSQL, checking tokens of the test issuer
 * ({@code TestTokens}), as it checks the edge's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = RetailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + RetailApplication.NAME, "weir.grpc.port=0" })
@ContextConfiguration(initializers = { FreshDatabaseInitializer.class, TestTokensInitializer.class })
public @interface LiveRetail {

}
