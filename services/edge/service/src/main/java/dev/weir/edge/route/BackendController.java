package dev.weir.edge.route;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of the backends (scope {@code admin}): instances, health, breakers. */
@RestController
@Tag(name = "Admin: backends")
class BackendController {

    private final Backends backends;

    BackendController(Backends backends) {
        this.backends = backends;
    }

    @GetMapping("/admin/backends")
    @Operation(summary = "Every backend: its instances and their health, its circuit breaker's state")
    List<BackendView> backends() {
        return this.backends.all()
            .stream()
            .map((b) -> new BackendView(b.name(), b.breaker().getState().name().toLowerCase(java.util.Locale.ROOT),
                    b.instances().stream().map(Instance::view).toList()))
            .toList();
    }

    /**
     * @param name the backend's name
     * @param circuit its circuit breaker: {@code closed}, {@code open} or
     * {@code half_open}
     * @param instances its instances
     */
    record BackendView(String name, String circuit, List<Instance.InstanceView> instances) {
    }

}
