package dev.weir.platform.security;

import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import dev.weir.platform.grpc.spi.CallGuard;
import dev.weir.platform.web.spi.RequestGuard;

/**
 * What every Weir service gets by depending on this module: every call into it, REST and
 * gRPC, needs a token issued by the edge carrying the scope of the operation
 * ({@code weir.security.*}). With {@code weir.security.mode=insecure-dev} nothing is
 * checked, and the service says so in a warning at start-up.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties(WeirSecurityProperties.class)
public class WeirSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WeirSecurityAutoConfiguration.class);

    @Bean
    AccessPolicy weirAccessPolicy(WeirSecurityProperties properties) {
        return new AccessPolicy(properties);
    }

    @Bean
    TokenVerifier weirTokenVerifier(WeirSecurityProperties properties, ObjectProvider<SslBundles> bundles) {
        SSLSocketFactory tls = null;
        if (!properties.jwksSslBundle().isBlank()) {
            tls = bundles.getObject().getBundle(properties.jwksSslBundle()).createSslContext().getSocketFactory();
        }
        return TokenVerifier.forKeySet(properties, tls);
    }

    @Bean
    ServiceToken weirServiceToken(WeirSecurityProperties properties, ObjectProvider<SslBundles> bundles) {
        javax.net.ssl.SSLContext tls = null;
        if (!properties.jwksSslBundle().isBlank()) {
            tls = bundles.getObject().getBundle(properties.jwksSslBundle()).createSslContext();
        }
        return new ServiceToken(properties, tls, java.time.Clock.systemUTC());
    }

    @Bean
    Guard weirGuard(AccessPolicy policy, TokenVerifier verifier) {
        return new Guard(policy, verifier);
    }

    @Bean
    SmartInitializingSingleton weirSecurityBanner(WeirSecurityProperties properties) {
        return () -> {
            if (properties.mode() == WeirSecurityProperties.Mode.INSECURE_DEV) {
                log.warn("INSECURE DEVELOPMENT MODE (weir.security.mode=insecure-dev): every call is let through "
                        + "WITHOUT any token or scope check. Never run this anywhere but your own laptop.");
            }
            else {
                log.info("Every call needs a token of {} for audience '{}' (keys from {})", properties.issuer(),
                        properties.audience(), properties.effectiveJwksUri());
            }
        };
    }

    /**
     * HTTP: platform/web's request guard, asked on the fast GET routes and before Spring
     * MVC alike; in the insecure development mode, one that lets everything through.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RequestGuard.class)
    static class Http {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        RequestGuard weirJwtRequestGuard(WeirSecurityProperties properties, Guard guard) {
            if (properties.mode() == WeirSecurityProperties.Mode.INSECURE_DEV) {
                return (request) -> java.util.Optional.empty();
            }
            return new JwtRequestGuard(guard);
        }

    }

    /**
     * gRPC: platform/grpc's call guard, asked before any handler; in the insecure
     * development mode, one that lets everything through.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CallGuard.class)
    static class Grpc {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        CallGuard weirJwtCallGuard(WeirSecurityProperties properties, Guard guard) {
            if (properties.mode() == WeirSecurityProperties.Mode.INSECURE_DEV) {
                return (method, headers) -> java.util.Optional.empty();
            }
            return new JwtCallGuard(guard);
        }

    }

}
