package dev.weir.testing.upstreams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs one upstream as a process, for benchmarks and manual runs, until it is stopped
 * (SIGTERM or Ctrl-C):
 *
 * <pre>
 * java -jar testing/upstreams/target/weir-testing-upstreams-*-exec.jar fhrs --port 9000 --rate 20 --latency 50ms --page-size 100
 * java -jar ... open-meteo --port 9001
 * </pre>
 *
 * It prints one line, {@code weir-upstream <name> ready <base URL>}, once it answers (the
 * FHRS data set loaded). Counters and faults over HTTP: see
 * {@code GET /__admin/weir/counters} and {@code POST /__admin/weir/faults}.
 */
@Command(name = "weir-upstream", mixinStandardHelpOptions = true,
        description = "A third-party API Weir pulls from, served locally from the recorded data.",
        subcommands = { UpstreamMain.Fhrs.class, UpstreamMain.OpenMeteo.class })
public final class UpstreamMain {

    /**
     * Runs the command line: serves until the process is stopped, or exits non-zero on
     * bad arguments.
     */
    public static void main(String[] args) {
        int status = new CommandLine(new UpstreamMain()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    enum Limiter {

        TOKEN_BUCKET, SLIDING_WINDOW

    }

    static final class Common {

        @Option(names = "--port", description = "Port to listen on; 0 picks one (default ${DEFAULT-VALUE}).",
                defaultValue = "0")
        int port;

        @Option(names = "--bind", description = "Address to listen on (default ${DEFAULT-VALUE}).",
                defaultValue = "127.0.0.1")
        String bind;

        @Option(names = "--rate",
                description = "Requests per second allowed; 0 for no limit (default ${DEFAULT-VALUE}).",
                defaultValue = "0")
        double rate;

        @Option(names = "--burst",
                description = "Token bucket size; default one second's worth (the rate). Ignored by sliding-window.")
        Double burst;

        @Option(names = "--limiter", description = "token-bucket (default) or sliding-window.",
                defaultValue = "token-bucket", converter = LimiterConverter.class)
        Limiter limiter;

        @Option(names = "--latency",
                description = "Fixed latency added to every answer, e.g. 50ms, 1s (default ${DEFAULT-VALUE}).",
                defaultValue = "0ms", converter = DurationConverter.class)
        Duration latency;

        @Option(names = "--retry-after", description = "seconds (default) or http-date: how 429s write Retry-After.",
                defaultValue = "seconds")
        String retryAfter;

        <B extends Upstream.Builder<B, U>, U extends Upstream> B apply(B builder) {
            builder.port(this.port).bindAddress(this.bind).latency(this.latency).retryAfter(retryAfterFormat());
            if (this.rate > 0) {
                builder.rateLimit(switch (this.limiter) {
                    case TOKEN_BUCKET ->
                        RateLimit.tokenBucket(this.rate, (this.burst != null) ? this.burst : Math.max(1, this.rate));
                    case SLIDING_WINDOW -> RateLimit.slidingWindow((int) Math.round(this.rate));
                });
            }
            return builder;
        }

        private RetryAfter.Format retryAfterFormat() {
            return switch (this.retryAfter.toLowerCase(Locale.ROOT)) {
                case "seconds" -> RetryAfter.Format.SECONDS;
                case "http-date" -> RetryAfter.Format.HTTP_DATE;
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "--retry-after is seconds or http-date, not " + this.retryAfter);
            };
        }

    }

    @Command(name = "fhrs", mixinStandardHelpOptions = true,
            description = "The FHRS API v2 (x-api-version: 2) from the repository's data/fhrs/json.")
    static final class Fhrs implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--page-size", description = "Largest page served (default ${DEFAULT-VALUE}).",
                defaultValue = "" + FhrsUpstream.DEFAULT_PAGE_SIZE)
        int pageSize;

        @Option(names = "--only-authorities-with-establishments",
                description = "GET /Authorities lists only the authorities with establishments in the data (72).")
        boolean onlyAuthoritiesWithEstablishments;

        @Option(names = "--slice", description = "Serve the small slice bundled in the jar instead of data/.")
        boolean slice;

        @Option(names = "--data",
                description = "The data folder (default: data/ of the repository around the working directory).")
        Path data;

        @Override
        public Integer call() throws InterruptedException {
            FhrsUpstream.Builder builder = this.common.apply(FhrsUpstream.builder())
                .pageSize(this.pageSize)
                .onlyAuthoritiesWithEstablishments(this.onlyAuthoritiesWithEstablishments);
            if (this.slice) {
                builder.slice();
            }
            else if (this.data != null) {
                builder.dataSet(FhrsDataSet.full(this.data));
            }
            FhrsUpstream upstream = builder.start();
            FhrsDataSet data = upstream.dataSet();
            return serve(upstream, "fhrs", data.toString());
        }

    }

    @Command(name = "open-meteo", mixinStandardHelpOptions = true,
            description = "Open-Meteo /v1/forecast from the repository's data/open-meteo.")
    static final class OpenMeteo implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--slice", description = "Serve the small slice bundled in the jar instead of data/.")
        boolean slice;

        @Option(names = "--data",
                description = "The data folder (default: data/ of the repository around the working directory).")
        Path data;

        @Override
        public Integer call() throws InterruptedException {
            OpenMeteoUpstream.Builder builder = this.common.apply(OpenMeteoUpstream.builder());
            if (this.slice) {
                builder.slice();
            }
            else if (this.data != null) {
                builder.recordings(this.data.resolve("open-meteo"));
            }
            OpenMeteoUpstream upstream = builder.start();
            return serve(upstream, "open-meteo", upstream.recordings().toString());
        }

    }

    private static int serve(Upstream upstream, String name, String data) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            upstream.close();
            stopped.countDown();
        }, "weir-upstream-stop"));
        System.out.printf("weir-upstream %s ready %s (%s, latency %d ms, %s)%n", name, upstream.baseUrl(),
                upstream.rateLimit(), upstream.latency().toMillis(), data);
        System.out.flush();
        stopped.await();
        return 0;
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            throw new CommandLine.TypeConversionException("a duration such as 50ms or 1s, not " + value);
        }

    }

    static final class LimiterConverter implements CommandLine.ITypeConverter<Limiter> {

        @Override
        public Limiter convert(String value) {
            return Limiter.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

    }

}
