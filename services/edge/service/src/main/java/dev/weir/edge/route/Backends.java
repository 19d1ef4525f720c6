package dev.weir.edge.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.stereotype.Component;

import dev.weir.edge.system.EdgeProperties;

/**
 * The services behind the edge ({@code weir.edge.backends}), each with a circuit breaker
 * of its own ({@code resilience4j.circuitbreaker.instances.<name>}, or the
 * {@code default} configuration).
 */
@Component
public class Backends implements org.springframework.beans.factory.DisposableBean {

    private final Map<String, Backend> byName = new LinkedHashMap<>();

    Backends(EdgeProperties properties, CircuitBreakerRegistry breakers) {
        properties.backends()
            .forEach((name, config) -> this.byName.put(name, new Backend(name, config, breakers.circuitBreaker(name))));
        List<String> unknown = new ArrayList<>();
        properties.routes()
            .stream()
            .filter((route) -> !this.byName.containsKey(route.backend()))
            .forEach((route) -> unknown.add(route.id() + " -> " + route.backend()));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("weir.edge.routes name backends that weir.edge.backends does not define: "
                    + unknown + " (defined: " + this.byName.keySet() + ")");
        }
    }

    @Override
    public void destroy() {
        this.byName.values().forEach(Backend::close);
    }

    Backend get(String name) {
        return this.byName.get(name);
    }

    Optional<Backend> find(String name) {
        return Optional.ofNullable(this.byName.get(name));
    }

    List<Backend> all() {
        return List.copyOf(this.byName.values());
    }

    /** The backend whose instance {@code uri} points at. */
    Optional<Backend> serving(URI uri) {
        return this.byName.values().stream().filter((b) -> b.serves(uri)).findFirst();
    }

    /**
     * A healthy instance's base URL of {@code backend}, for calls the edge makes itself;
     * empty when the backend is unknown or has no healthy instance.
     */
    public Optional<URI> instanceOf(String backend) {
        return find(backend).map(Backend::any).map(Instance::uri);
    }

    /** The names of the backends. */
    public List<String> names() {
        return List.copyOf(this.byName.keySet());
    }

}
