package dev.weir.edge.route;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checks every instance of every backend every {@code health-interval} (its
 * {@code health-path}, 2xx within a second is up), so an instance that dies stops getting
 * calls within seconds and one that comes back gets them again. A call that cannot
 * connect takes its instance out at once, without waiting for the next check.
 */
@Component
class BackendHealth implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackendHealth.class);

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    private final Backends backends;

    private volatile ScheduledExecutorService schedule;

    private volatile ExecutorService checks;

    BackendHealth(Backends backends) {
        this.backends = backends;
    }

    @Override
    public synchronized void start() {
        this.schedule = Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("edge-health").daemon().factory());
        this.checks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("edge-health-", 0).factory());
        for (Backend backend : this.backends.all()) {
            long interval = backend.config().healthInterval().toMillis();
            this.schedule.scheduleWithFixedDelay(() -> checkAll(backend), 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (this.schedule != null) {
            this.schedule.shutdownNow();
            this.checks.shutdownNow();
            this.schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.schedule != null;
    }

    private void checkAll(Backend backend) {
        for (Instance instance : backend.instances()) {
            try {
                this.checks.execute(() -> check(backend, instance));
            }
            catch (java.util.concurrent.RejectedExecutionException ex) {
                return;
            }
        }
    }

    private void check(Backend backend, Instance instance) {
        URI uri = URI.create(instance.uri() + backend.config().healthPath());
        boolean up;
        String reason;
        // a new connection each time: an instance that stopped listening is down,
        // whatever
        // connection it still keeps open
        try (HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CHECK_TIMEOUT)
            .build()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(CHECK_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            up = response.statusCode() / 100 == 2;
            reason = "health check answered " + response.statusCode();
        }
        catch (java.io.IOException ex) {
            up = false;
            reason = "health check failed: " + ex.getClass().getSimpleName()
                    + ((ex.getMessage() != null) ? " " + ex.getMessage() : "");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        if (instance.mark(up, reason)) {
            if (up) {
                log.info("Backend {} instance {} is up again ({})", backend.name(), instance.uri(), reason);
            }
            else {
                log.warn("Backend {} instance {} is down ({}): no more calls go to it", backend.name(), instance.uri(),
                        reason);
            }
        }
    }

}
