package dev.weir.platform.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.weir.platform.grpc.spi.CallGuard;

/**
 * What every Weir service that has gRPC endpoints ({@link BindableService} beans) gets by
 * depending on this module: a {@link WeirGrpcServer} on {@code weir.grpc.port} with
 * health, reflection, a message size limit, deadlines honoured, one mapping of
 * {@code WeirException} to gRPC status, log lines tagged with the service name
 * ({@code spring.application.name}), call guards ({@link CallGuard} beans) before any
 * handler, and a {@link RequestValidator} for the request records. Without
 * {@code BindableService} beans, no server starts.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@EnableConfigurationProperties(WeirGrpcProperties.class)
public class WeirGrpcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestValidator weirGrpcRequestValidator(ObjectProvider<Validator> validator) {
        return new RequestValidator(
                validator.getIfAvailable(() -> Validation.buildDefaultValidatorFactory().getValidator()));
    }

    @Bean
    @ConditionalOnBean(BindableService.class)
    GrpcHealth weirGrpcHealth(WeirGrpcProperties properties, Environment environment,
            ObjectProvider<ServiceReadiness> readiness, ObjectProvider<ApplicationAvailability> availability) {
        BooleanSupplier ready = readiness.getIfAvailable(() -> () -> availability.getIfAvailable() == null
                || availability.getObject().getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
        return new GrpcHealth(serviceName(environment), ready, properties.healthCheckInterval());
    }

    @Bean
    @ConditionalOnBean(BindableService.class)
    WeirGrpcServer weirGrpcServer(WeirGrpcProperties properties, Environment environment,
            ObjectProvider<BindableService> services, ObjectProvider<ServerInterceptor> interceptors,
            ObjectProvider<CallGuard> guards, GrpcHealth health) {
        List<ServerInterceptor> chain = new ArrayList<>();
        chain.add(new MetadataLimitInterceptor(properties.maxInboundMetadataSize().toBytes()));
        chain.add(new ServiceLogTagInterceptor(serviceName(environment)));
        chain.add(new ErrorMappingInterceptor());
        chain.add(new CallGuardInterceptor(guards.orderedStream().toList()));
        chain.add(new DeadlineInterceptor());
        interceptors.orderedStream().forEach(chain::add);
        return new WeirGrpcServer(properties, services.orderedStream().toList(), chain, health);
    }

    private static String serviceName(Environment environment) {
        return environment.getProperty("spring.application.name", "weir");
    }

    /**
     * Whether the service is ready, as the gRPC health service reports it. Without the
     * actuator, the application's readiness state alone.
     */
    @FunctionalInterface
    interface ServiceReadiness extends BooleanSupplier {

    }

    /**
     * With the actuator: the readiness health group ({@code /health/readiness}, the
     * database included), or the overall health when there is no such group.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthEndpoint.class)
    static class ActuatorReadiness {

        @Bean
        @ConditionalOnBean(HealthEndpoint.class)
        ServiceReadiness weirGrpcActuatorReadiness(HealthEndpoint health) {
            return () -> {
                HealthDescriptor readiness = health.healthForPath("readiness");
                HealthDescriptor descriptor = (readiness != null) ? readiness : health.health();
                return Status.UP.equals(descriptor.getStatus());
            };
        }

    }

}
