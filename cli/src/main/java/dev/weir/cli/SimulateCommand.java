package dev.weir.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import tools.jackson.databind.JsonNode;

/**
 * {@code weir simulate rides|telemetry}: a fleet of e-bikes riding a real day of Citi
 * Bike trips, pushed in batches to a running Weir ({@code POST /events/{stream}}) at a
 * given rate. Each batch carries an {@code Idempotency-Key}, so a retry after a 503 or a
 * lost answer is never written twice.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
                "Push a fleet's events to a running Weir: `rides` (trip starts and ends) or `telemetry` "
                        + "(position, battery, range every minute of a ride), replaying a real day of Citi Bike trips "
                        + "(data/citibike, --data, or the hour bundled with weir).",
                "Shows progress while it runs (stderr); ends with sent / accepted / rejected / retried and latency "
                        + "percentiles (stdout; --json: one JSON document). See docs/push.md." })
final class SimulateCommand implements Callable<Integer> {

    private static final int MAX_TRIES = 6;

    @Parameters(paramLabel = "STREAM", description = "rides or telemetry")
    Stream stream;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "1000",
            description = "Events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--devices", paramLabel = "D", defaultValue = "500",
            description = "Bikes in the fleet (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to push, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "Events per request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory with stations.csv and trips*.csv(.gz) (default: data/citibike).")
    Path data;

    @Mixin
    IngestClient ingest;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    enum Stream {

        rides, telemetry

    }

    private final AtomicLong sent = new AtomicLong();

    private final AtomicLong accepted = new AtomicLong();

    private final AtomicLong rejected = new AtomicLong();

    private final AtomicLong retried = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final List<Long> latencies = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        if (this.rate < 1 || this.devices < 1 || this.batch < 1 || this.concurrency < 1) {
            throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
                    "--rate, --devices, --batch and --concurrency must be at least 1");
        }
        Duration length = duration(this.duration);
        CitiBikeDay day = CitiBikeDay.load(this.data);
        FleetEvents events = new FleetEvents(day, this.stream == Stream.telemetry, this.devices);
        String path = "/events/" + this.stream.name();
        err.printf(Locale.ROOT, "Simulating %d bikes: %s at %,d events/s for %s, batches of %d, to %s%n", this.devices,
                this.stream, this.rate, this.duration, this.batch, this.ingest.uri(path));
        err.printf(Locale.ROOT, "Trips: %,d from %s%n", day.trips.size(), day.source);
        err.flush();
        Semaphore inFlight = new Semaphore(this.concurrency);
        long started = System.nanoTime();
        long end = started + length.toNanos();
        long interval = Math.max(1, (long) (this.batch * 1e9 / this.rate));
        Thread progress = Thread.ofPlatform().daemon().start(() -> progress(err, started));
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = started; due < end; due += interval) {
                StringBuilder body = new StringBuilder(this.batch * 320).append('[');
                for (int i = 0; i < this.batch; i++) {
                    body.append((i > 0) ? "," : "").append(events.next());
                }
                String json = body.append(']').toString();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                inFlight.acquire();
                requests.submit(() -> {
                    try {
                        send(path, json);
                    }
                    finally {
                        inFlight.release();
                    }
                });
            }
        }
        progress.interrupt();
        err.println();
        err.flush();
        report(out, System.nanoTime() - started);
        return (this.failed.get() > 0) ? ExitCode.FAILED : ExitCode.OK;
    }

    /** Sends one batch, retrying what may succeed later with the same key. */
    private void send(String path, String json) {
        String key = UUID.randomUUID().toString();
        HttpRequest request = this.ingest.request(path)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        this.sent.addAndGet(this.batch);
        for (int attempt = 1;; attempt++) {
            long started = System.nanoTime();
            long backoff;
            try {
                HttpResponse<String> response = this.ingest.http().send(request, HttpResponse.BodyHandlers.ofString());
                record(System.nanoTime() - started);
                int status = response.statusCode();
                if (status == 202) {
                    this.accepted.addAndGet(IngestClient.JSON.readTree(response.body()).get("accepted").asLong());
                    return;
                }
                if (status != 503 && status != 429 && status != 409) {
                    JsonNode problem = IngestClient.JSON.readTree(response.body());
                    this.rejected.addAndGet(this.batch);
                    this.spec.commandLine()
                        .getErr()
                        .println("rejected (" + status + "): " + problem.path("detail").asString(""));
                    return;
                }
                backoff = response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000;
            }
            catch (IOException ex) {
                backoff = 1000;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                this.failed.addAndGet(this.batch);
                return;
            }
            if (attempt >= MAX_TRIES) {
                this.failed.addAndGet(this.batch);
                return;
            }
            this.retried.incrementAndGet();
            try {
                Thread.sleep(Math.min(backoff, 10_000));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                this.failed.addAndGet(this.batch);
                return;
            }
        }
    }

    private synchronized void record(long nanos) {
        this.latencies.add(nanos);
    }

    private void progress(PrintWriter out, long started) {
        boolean terminal = Terminal.current().interactive();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(terminal ? 1000 : 5000);
                double seconds = (System.nanoTime() - started) / 1e9;
                String line = String.format(Locale.ROOT,
                        "%6.1f s  sent %,d  accepted %,d  rejected %,d  retried %,d  %,.0f events/s", seconds,
                        this.sent.get(), this.accepted.get(), this.rejected.get(), this.retried.get(),
                        this.accepted.get() / seconds);
                out.print(terminal ? "\r" + line : line + "\n");
                out.flush();
            }
        }
        catch (InterruptedException ex) {
            // done
        }
    }

    private synchronized void report(PrintWriter out, long nanos) {
        long[] sorted = this.latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double seconds = nanos / 1e9;
        if (this.json.enabled()) {
            var report = JsonOutput.object()
                .put("stream", this.stream.name())
                .put("seconds", seconds)
                .put("sent", this.sent.get())
                .put("accepted", this.accepted.get())
                .put("rejected", this.rejected.get())
                .put("failed", this.failed.get())
                .put("requests_retried", this.retried.get())
                .put("requests", sorted.length);
            if (sorted.length > 0) {
                report.putObject("latency_ms")
                    .put("p50", percentile(sorted, 0.50))
                    .put("p90", percentile(sorted, 0.90))
                    .put("p99", percentile(sorted, 0.99))
                    .put("max", sorted[sorted.length - 1] / 1e6);
            }
            JsonOutput.print(out, report);
            return;
        }
        out.printf(Locale.ROOT,
                "Done in %.1f s: sent %,d events, accepted %,d (%,.0f/s), rejected %,d, failed %,d; %,d requests "
                        + "retried%n",
                seconds, this.sent.get(), this.accepted.get(), this.accepted.get() / seconds, this.rejected.get(),
                this.failed.get(), this.retried.get());
        if (sorted.length > 0) {
            out.printf(Locale.ROOT, "Request latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f (%,d requests)%n",
                    percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6, sorted.length);
        }
        out.flush();
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(Long.parseLong(value));
        };
    }

}
