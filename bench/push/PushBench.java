import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for POST /events/{stream} of a running Weir: ride events of about 300 bytes, in batches
 * or alone, to `rides` or to STREAM (a stream declared with the rides schema). Modes:
 *   closed URL SECONDS CONNECTIONS BATCH [STREAM]   each connection sends its next request when its last is
 *                                                   answered
 *   open URL SECONDS EVENTS_PER_S BATCH [STREAM]    requests start when due whatever the others do (latency
 *                                                   counted from when due, so a stall is not hidden)
 *   lake URL                               rows in the lake's `rides` dataset (GET /lake/datasets/rides)
 * Prints one line: mode, events/s, requests/s, p50/p99/max ms, failures.
 */
public class PushBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String stream = "rides";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        if (mode.equals("lake")) {
            System.out.println(lakeRows(url));
            return;
        }
        int seconds = Integer.parseInt(args[2]);
        int load = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        if (args.length > 5) {
            stream = args[5];
        }
        String[] bodies = bodies(batch);
        Result result = mode.equals("closed") ? closed(url, seconds, load, batch, bodies)
                : open(url, seconds, load, batch, bodies);
        System.out.println(result);
        System.out.println(result.raw());
    }

    /** Rows of the lake's rides dataset, 0 when it has none yet. */
    static long lakeRows(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(
                authorized(HttpRequest.newBuilder(URI.create(url + "/lake/datasets/rides"))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        Matcher rows = Pattern.compile("\"rows\":(\\d+)").matcher(response.body());
        return rows.find() ? Long.parseLong(rows.group(1)) : 0;
    }

    static Result closed(String url, int seconds, int connections, int batch, String[] bodies) throws Exception {
        Result result = new Result(stream + ", closed, " + connections + " connections, batches of " + batch, batch);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                int first = c;
                clients.submit(() -> {
                    for (int i = first; System.nanoTime() < end; i += connections) {
                        long started = System.nanoTime();
                        result.record(send(url, bodies[i % bodies.length]), System.nanoTime() - started);
                    }
                    return null;
                });
            }
        }
        result.seconds = seconds;
        return result;
    }

    static Result open(String url, int seconds, int eventsPerSecond, int batch, String[] bodies) throws Exception {
        Result result = new Result(stream + ", open at " + eventsPerSecond + " events/s, batches of " + batch, batch);
        long interval = (long) (batch * 1e9 / eventsPerSecond);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        Semaphore inFlight = new Semaphore(256);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            int i = 0;
            for (long due = start; due < end; due += interval, i++) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                inFlight.acquire();
                long dueAt = due;
                String body = bodies[i % bodies.length];
                clients.submit(() -> {
                    try {
                        result.record(send(url, body), System.nanoTime() - dueAt);
                    }
                    finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        result.seconds = (System.nanoTime() - start) / 1e9;
        return result;
    }

    /** The request with env AUTH as its Authorization header (a bearer token of the edge), if set. */
    static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String auth = System.getenv("AUTH");
        return (auth == null || auth.isEmpty()) ? request : request.header("Authorization", auth);
    }

    static int send(String url, String body) {
        try {
            return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(url + "/events/" + stream)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (Exception ex) {
            return -1;
        }
    }

    /** 64 request bodies of {@code batch} ride events each, about 300 bytes an event. */
    static String[] bodies(int batch) {
        String[] bodies = new String[64];
        int ride = 0;
        for (int b = 0; b < bodies.length; b++) {
            StringBuilder body = new StringBuilder(batch * 310);
            if (batch > 1) {
                body.append('[');
            }
            for (int i = 0; i < batch; i++, ride++) {
                body.append((i > 0) ? "," : "").append(String.format(Locale.ROOT,
                        "{\"ride_id\":\"2017-07-17-%06d\",\"bike_id\":\"bike-%05d\",\"event\":\"end\","
                                + "\"at\":\"2017-07-17T%02d:%02d:%02dZ\",\"station_id\":%d,"
                                + "\"station_name\":\"W 52 St & 11 Ave\",\"lat\":40.76727216,\"lon\":-73.99392888,"
                                + "\"duration_s\":%d,\"distance_m\":%d.5,\"member\":true,\"birth_year\":1975}",
                        ride, ride % 5000, 8 + (ride / 3600) % 12, (ride / 60) % 60, ride % 60, 72 + ride % 500,
                        300 + ride % 3000, 1000 + ride % 5000));
            }
            if (batch > 1) {
                body.append(']');
            }
            bodies[b] = body.toString();
        }
        return bodies;
    }

    static final class Result {

        final String name;

        final int batch;

        final AtomicLong ok = new AtomicLong();

        final AtomicLong failed = new AtomicLong();

        final List<Long> nanos = new ArrayList<>();

        double seconds;

        Result(String name, int batch) {
            this.name = name;
            this.batch = batch;
        }

        void record(int status, long latency) {
            if (status == 202) {
                this.ok.incrementAndGet();
            }
            else {
                this.failed.incrementAndGet();
            }
            synchronized (this.nanos) {
                this.nanos.add(latency);
            }
        }

        @Override
        public String toString() {
            long[] sorted = this.nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT,
                    "%-58s events/s %9.0f  requests/s %8.1f  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  failed %d",
                    this.name, this.ok.get() * this.batch / this.seconds, this.ok.get() / this.seconds,
                    pct(sorted, 0.5), pct(sorted, 0.99), (sorted.length > 0) ? sorted[sorted.length - 1] / 1e6 : 0,
                    this.failed.get());
        }

        /** events/s requests/s p50 p99 failed, for scripts */
        String raw() {
            long[] sorted = this.nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "RAW %.0f %.1f %.2f %.2f %d", this.ok.get() * this.batch / this.seconds,
                    this.ok.get() / this.seconds, pct(sorted, 0.5), pct(sorted, 0.99), this.failed.get());
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] / 1e6;
        }

    }

}
