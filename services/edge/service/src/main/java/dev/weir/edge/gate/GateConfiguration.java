package dev.weir.edge.gate;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.weir.edge.auth.EdgeTokens;
import dev.weir.edge.client.ClientService;
import dev.weir.edge.key.ApiKeyService;
import dev.weir.edge.limit.RateLimiter;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.usage.UsageMeter;

/**
 * The gate runs on every call, after the request-body limit and before Spring Security
 * (which only the OAuth2 endpoints pass, and which the gate leaves to it).
 */
@Configuration(proxyBeanMethods = false)
class GateConfiguration {

    @Bean
    EdgeCallers edgeCallers(ApiKeyService keys, ClientService clients, EdgeTokens tokens, EdgeProperties properties) {
        return new EdgeCallers(keys, clients, tokens, properties);
    }

    @Bean
    FilterRegistrationBean<EdgeGate> edgeGate(EdgeCallers callers, RateLimiter limiter, UsageMeter usage) {
        FilterRegistrationBean<EdgeGate> registration = new FilterRegistrationBean<>(
                new EdgeGate(callers, limiter, usage));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

}
