package dev.weir.platform.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.eclipse.jetty.server.handler.ContextHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.platform.web.spi.RequestGuard;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every Weir HTTP service gets by depending on this module: problem answers for
 * every error, a request body limit, snake_case JSON that rejects unknown and duplicate
 * fields, log lines tagged with the service name, a {@code /redoc} page, fast GET routes
 * ({@link FastGetRoute} beans) and request guards ({@link RequestGuard} beans) on every
 * path.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(WeirWebProperties.class)
@Import({ ProblemAdvice.class, ProblemErrorController.class, ProblemMediaTypeAdvice.class, RedocController.class })
public class WeirWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> weirRequestBodyLimitFilter(WeirWebProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The {@link RequestGuard}s of the service, asked on both paths: in front of the fast
     * GET routes and here, in front of Spring MVC (after the log tag, before every other
     * filter: an unauthenticated client learns nothing else).
     */
    @Bean
    RequestGuards weirRequestGuards(ObjectProvider<RequestGuard> guards) {
        return new RequestGuards(() -> guards.orderedStream().toList());
    }

    @Bean
    FilterRegistrationBean<RequestGuardFilter> weirRequestGuardFilter(RequestGuards guards) {
        var registration = new FilterRegistrationBean<>(new RequestGuardFilter(guards));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ServiceLogTagFilter> weirServiceLogTagFilter(WeirWebProperties properties) {
        var registration = new FilterRegistrationBean<>(new ServiceLogTagFilter(properties.service()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Jetty's own error answers (requests it refuses before any handler of ours runs) as
     * problems, on the server and on the servlet context alike.
     */
    @Bean
    JettyServerCustomizer weirJettyProblems() {
        return (server) -> {
            ProblemErrorHandler problems = new ProblemErrorHandler();
            server.setErrorHandler(problems);
            for (ContextHandler context : server.getDescendants(ContextHandler.class)) {
                context.setErrorHandler(problems);
            }
        };
    }

    @Bean
    FilterRegistrationBean<UnsafeQueryFilter> weirUnsafeQueryFilter() {
        var registration = new FilterRegistrationBean<>(new UnsafeQueryFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AcceptHeaderFilter> weirAcceptHeaderFilter() {
        var registration = new FilterRegistrationBean<>(new AcceptHeaderFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

    @Bean
    FilterRegistrationBean<TraceRefusalFilter> weirTraceRefusalFilter() {
        var registration = new FilterRegistrationBean<>(new TraceRefusalFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "weir.web.fast-routes", matchIfMissing = true)
    JettyServerCustomizer weirFastGetRoutes(ObjectProvider<FastGetRoute> routes, ObjectProvider<JsonMapper> json,
            ObjectProvider<MeterRegistry> meters, RequestGuards guards) {
        return (server) -> {
            FastGetRoutes fast = new FastGetRoutes(server.getHandler(), () -> routes.orderedStream().toList(),
                    json.getObject(), guards);
            server.setHandler(fast);
            meters.ifAvailable((registry) -> {
                FunctionCounter.builder("weir.fast.routes", fast, FastGetRoutes::answered)
                    .description("GET requests answered by a fast route, in front of the servlet stack")
                    .tag("outcome", "answered")
                    .register(registry);
                FunctionCounter.builder("weir.fast.routes", fast, FastGetRoutes::passed)
                    .description("Requests passed on to the servlet stack")
                    .tag("outcome", "passed")
                    .register(registry);
                FunctionCounter.builder("weir.fast.routes", fast, FastGetRoutes::refused)
                    .description("GET requests of a fast route refused by a request guard")
                    .tag("outcome", "refused")
                    .register(registry);
            });
        };
    }

    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer weirOpenApiConventions(ObjectProvider<RequestGuard> guards) {
        return new OpenApiConventions(() -> guards.orderedStream().findAny().isPresent());
    }

    @Bean
    io.swagger.v3.core.jackson.ModelResolver weirSnakeCaseModelResolver() {
        return OpenApiConventions.snakeCaseModelResolver();
    }

    /**
     * JSON bodies are read strictly: snake_case, unknown and duplicate fields refused,
     * and no type is coerced into another ({@code {"customer_id": 354504}},
     * {@code {"country": 0}}, {@code {"quantity": "6"}}, {@code {"unit_price": ""}} are
     * 422s naming the field, as {@code docs/problems.md} promises; a field that takes
     * several types says so itself). Strings with a NUL character or a lone surrogate are
     * refused ({@link StrictTextDeserializer}).
     */
    @Bean
    JsonMapperBuilderCustomizer weirJsonConventions() {
        return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual,
                    (config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, WeirWebAutoConfiguration::noCoercionFromText)
            .withCoercionConfig(LogicalType.Float, WeirWebAutoConfiguration::noCoercionFromText)
            .withCoercionConfig(LogicalType.Boolean, WeirWebAutoConfiguration::noCoercionFromText)
            .addModule(
                    new SimpleModule("weir-strict-text").addDeserializer(String.class, new StrictTextDeserializer()));
    }

    private static void noCoercionFromText(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

}
