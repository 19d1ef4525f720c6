package dev.weir.edge;

import java.util.List;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.weir.platform.security.WeirSecurityAutoConfiguration;

/**
 * The Edge service: the one public door of Weir (port 8080). It routes to every service
 * (load-balanced over their instances, health-checked, with retries for idempotent calls
 * and a circuit breaker per backend), authenticates callers by API key or OAuth2 token
 * (it is the authorization server), limits their rate, meters their usage, aggregates the
 * customer summary and publishes one OpenAPI document. Its state (keys, clients, signing
 * keys, buckets, usage) is in PostgreSQL schema {@code edge}.
 * <p>
 * The services' own token check (platform/security) is not installed here: the edge
 * checks its callers itself, with API keys as well as tokens.
 */
@SpringBootApplication(exclude = WeirSecurityAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class EdgeApplication {

    /**
     * The name of the service's configuration file ({@code edge.yml}) and of the service.
     */
    public static final String NAME = "edge";

    /**
     * The arguments that keep the edge's libraries (Spring Security's web filters and
     * authorization server, Spring Cloud Gateway) out of a service that shares the edge's
     * class path, as every service does in {@code weir up}: the service checks tokens
     * with platform/security and routes nothing.
     */
    public static final List<String> NOT_THE_EDGE = List.of("--spring.autoconfigure.exclude=" + String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.GatewayMvcClassPathWarningAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.handler.GatewayMultipartAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.config.DefaultFunctionConfiguration"));

    public static void main(String[] args) {
        builder().run(args);
    }

    /** An application builder for the service, reading {@code edge.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(EdgeApplication.class).main(EdgeApplication.class)
            .properties("spring.config.name=" + NAME);
    }

}
