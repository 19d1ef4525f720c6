package dev.weir.edge.route;

import java.net.URI;
import java.net.URISyntaxException;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.filter.AfterFilterFunctions;
import org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.ClientHttpRequestFactoryProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.weir.edge.gate.EdgeCallers;
import dev.weir.edge.limit.RateLimiter;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.usage.UsageMeter;

/**
 * The routes ({@code weir.edge.routes}) as Spring Cloud Gateway (server-webmvc) router
 * functions: each sends the calls whose path matches to its backend through a
 * {@link BackendCall} (instances, breaker, retries, problems), with the route's header
 * rules; the services' internal headers never reach clients.
 */
@Configuration(proxyBeanMethods = false)
class EdgeRoutes {

    private static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private static final String MOUNT_PREFIX = EdgeRoutes.class.getName() + ".mountPrefix";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    RouterFunction<ServerResponse> routedCalls(EdgeProperties properties, Backends backends, RetryBudget budget) {
        EdgeProperties.Retries retries = properties.retries();
        RouterFunction<ServerResponse> all = null;
        for (EdgeProperties.Route route : properties.routes()) {
            RouterFunction<ServerResponse> routed = route(route, backends.get(route.backend()), budget, retries);
            all = (all == null) ? routed : all.and(routed);
        }
        return (all != null) ? all : (request) -> java.util.Optional.empty();
    }

    private static RouterFunction<ServerResponse> route(EdgeProperties.Route route, Backend backend, RetryBudget budget,
            EdgeProperties.Retries retries) {
        RequestPredicate paths = route.paths()
            .stream()
            .map(RequestPredicates::path)
            .reduce(RequestPredicate::or)
            .orElseThrow();
        var builder = GatewayRouterFunctions.route(route.id())
            .route(paths, HandlerFunctions.http())
            .before(BeforeFilterFunctions.routeId(route.id()));
        if (route.stripPrefix() > 0) {
            int parts = route.stripPrefix();
            // the service is told the prefix it is mounted under (mountPrefix, below)
            builder.before((request) -> {
                request.attributes().put(MOUNT_PREFIX, prefix(request.uri().getRawPath(), parts));
                return request;
            });
            builder.before((request) -> stripPrefix(request, parts));
        }
        route.addRequestHeaders()
            .forEach((name, value) -> builder.before(BeforeFilterFunctions.setRequestHeader(name, value)));
        route.removeRequestHeaders().forEach((name) -> builder.before(BeforeFilterFunctions.removeRequestHeader(name)));
        route.addResponseHeaders()
            .forEach((name, value) -> builder.after(AfterFilterFunctions.addResponseHeader(name, value)));
        route.removeResponseHeaders().forEach((name) -> builder.after(AfterFilterFunctions.removeResponseHeader(name)));
        builder.filter(new BackendCall(backend, budget, retries));
        return builder.build();
    }

    /**
     * The request without the first {@code parts} segments of its path, its query as the
     * client wrote it. (The gateway's own {@code stripPrefix} rebuilds the URI with a
     * validation that refuses what a query may well hold, such as {@code a[]=1}, and
     * answered 500.)
     */
    static ServerRequest stripPrefix(ServerRequest request, int parts) {
        URI uri = request.uri();
        MvcUtils.addOriginalRequestUrl(request, uri);
        String path = uri.getRawPath();
        String rest = path.substring(prefix(path, parts).length());
        String query = uri.getRawQuery();
        try {
            URI stripped = new URI(uri.getScheme() + "://" + uri.getRawAuthority() + (rest.isEmpty() ? "/" : rest)
                    + ((query != null) ? "?" + query : ""));
            return ServerRequest.from(request).uri(stripped).build();
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("not a URI once its prefix is taken off: " + ex.getMessage(), ex);
        }
    }

    /**
     * The first {@code parts} segments of {@code path}: {@code /analytics} of
     * {@code /analytics/retail/...}.
     */
    static String prefix(String path, int parts) {
        StringBuilder prefix = new StringBuilder();
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int start = path.indexOf('/', from);
            if (start < 0) {
                break;
            }
            int end = path.indexOf('/', start + 1);
            prefix.append(path, start, (end < 0) ? path.length() : end);
            from = (end < 0) ? path.length() : end;
        }
        return prefix.toString();
    }

    /** Retries of every route, within one budget. */
    @Bean
    RetryBudget edgeRetryBudget(EdgeProperties properties) {
        EdgeProperties.Retries retries = properties.retries();
        return new RetryBudget(retries.budgetRatio(), retries.minPerSecond(), retries.budgetWindow());
    }

    /**
     * The routes' fast path for plain reads, in front of everything else on the edge's
     * server (so it runs after the other customizers have wrapped the server's handler).
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    JettyServerCustomizer edgeProxy(EdgeProperties properties, Backends backends, RetryBudget budget,
            EdgeCallers callers, RateLimiter limiter, UsageMeter usage) {
        return (server) -> server
            .setHandler(new EdgeProxy(server.getHandler(), properties, backends, budget, callers, limiter, usage));
    }

    /** The gateway's HTTP client: per backend, with its timeouts. */
    @Bean
    ProxyExchange edgeProxyExchange(Backends backends, GatewayMvcProperties gateway) {
        return new ClientHttpRequestFactoryProxyExchange(new BackendRequestFactory(backends), gateway);
    }

    /**
     * {@code X-Forwarded-Prefix} to a service the edge mounts under a prefix (analytics
     * under {@code /analytics}), so that its links (a page's {@code next}) name the path
     * a client calls; a client's own is never passed on. Applied after the gateway's
     * forwarded-headers filters, which drop every {@code X-Forwarded-*} header of an
     * untrusted caller.
     */
    @Bean
    HttpHeadersFilter.RequestHttpHeadersFilter edgeMountPrefix() {
        return new MountPrefix();
    }

    private static final class MountPrefix implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

        @Override
        public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
            HttpHeaders headers = new HttpHeaders();
            headers.addAll(input);
            headers.remove(FORWARDED_PREFIX);
            request.attribute(MOUNT_PREFIX).ifPresent((prefix) -> headers.set(FORWARDED_PREFIX, prefix.toString()));
            return headers;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

    }

    /** Strips the services' internal headers from every routed answer. */
    @Bean
    HttpHeadersFilter.ResponseHttpHeadersFilter edgeInternalHeaders(EdgeProperties properties) {
        Set<String> internal = properties.headers()
            .internalResponseHeaders()
            .stream()
            .map((name) -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        return (headers, response) -> {
            HttpHeaders kept = new HttpHeaders();
            headers.forEach((name, values) -> {
                if (!internal.contains(name.toLowerCase(Locale.ROOT))) {
                    kept.addAll(name, values);
                }
            });
            return kept;
        };
    }

    /** The route ids, for logs and the admin API. */
    static List<String> ids(EdgeProperties properties) {
        return properties.routes().stream().map(EdgeProperties.Route::id).toList();
    }

}
