package dev.weir.platform.grpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * The standard {@code grpc.health.v1.Health} service, answering for the whole server
 * ({@code ""}) and for each of its services alike: {@code SERVING} while the service is
 * ready — the same readiness as {@code /health/readiness}, the database included —
 * {@code NOT_SERVING} otherwise, and from the moment the service begins to stop. The
 * readiness is read again every {@code weir.grpc.health-check-interval} and whenever it
 * changes (an {@link AvailabilityChangeEvent}); {@code Check} answers the last reading,
 * {@code Watch} streams each change.
 */
final class GrpcHealth implements ApplicationListener<AvailabilityChangeEvent<?>> {

    private static final Logger log = LoggerFactory.getLogger(GrpcHealth.class);

    private final HealthStatusManager manager = new HealthStatusManager();

    private final String serviceName;

    private final BooleanSupplier ready;

    private final Duration interval;

    private volatile List<String> services = List.of();

    private volatile ServingStatus last;

    private volatile ScheduledExecutorService checks;

    /**
     * @param serviceName the Weir service's name, for its log lines
     * @param ready whether the service is ready to take calls; may block for a while (it
     * may ask the database)
     * @param interval how often to ask
     */
    GrpcHealth(String serviceName, BooleanSupplier ready, Duration interval) {
        this.serviceName = serviceName;
        this.ready = ready;
        this.interval = interval;
    }

    BindableService service() {
        return this.manager.getHealthService();
    }

    /** Starts reporting for these services (and the server as a whole). */
    synchronized void start(List<String> serviceNames) {
        this.services = List.copyOf(serviceNames);
        publish(ServingStatus.NOT_SERVING);
        this.checks = Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("grpc-health").daemon().factory());
        this.checks.scheduleWithFixedDelay(this::check, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reports {@code NOT_SERVING} from now on, whatever happens: the server is stopping.
     */
    synchronized void stop() {
        if (this.checks != null) {
            this.checks.shutdownNow();
            this.checks = null;
        }
        this.manager.enterTerminalState();
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        ScheduledExecutorService current = this.checks;
        if (current != null) {
            try {
                current.execute(this::check);
            }
            catch (java.util.concurrent.RejectedExecutionException ex) {
                // stopping: the status is terminal already
            }
        }
    }

    private void check() {
        org.slf4j.MDC.put(ServiceLogTagInterceptor.MDC_KEY, this.serviceName);
        ServingStatus status;
        try {
            status = this.ready.getAsBoolean() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        }
        catch (RuntimeException ex) {
            log.warn("Could not read the service's readiness: {}", ex.toString());
            status = ServingStatus.NOT_SERVING;
        }
        publish(status);
    }

    private synchronized void publish(ServingStatus status) {
        if (status != this.last) {
            log.info("gRPC health: {}", status);
            this.last = status;
        }
        this.manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        for (String service : this.services) {
            this.manager.setStatus(service, status);
        }
    }

}
