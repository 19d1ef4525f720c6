package dev.weir.testing.upstreams;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A third-party API served locally on WireMock, from real recorded data, for tests and
 * benchmarks. Every request goes through the same steps, in this order:
 * <ol>
 * <li>it is counted ({@link #counters()});</li>
 * <li>the {@linkplain #rateLimit(RateLimit) rate limit} answers {@code 429} with a
 * {@code Retry-After} above its rate;</li>
 * <li>the API checks the request (FHRS: {@code x-api-version: 2}, else {@code 400}; only
 * {@code GET});</li>
 * <li>the first matching {@linkplain #faults() scripted fault}, if any, replaces or
 * alters the answer;</li>
 * <li>the API answers from its data;</li>
 * <li>the answer is sent after the fixed {@linkplain #latency(Duration) latency} (429s
 * and errors too).</li>
 * </ol>
 * Close it to stop the server. WireMock itself is there for anything else
 * ({@link #wireMock()}); stubs added to it at a priority above 100 bypass all of the
 * above.
 */
public abstract sealed class Upstream implements AutoCloseable permits FhrsUpstream, OpenMeteoUpstream {

    private static final Logger logger = LoggerFactory.getLogger(Upstream.class);

    private static final String RESPONDER = "weir-upstream";

    private final String name;

    private final WireMockServer server;

    private final LongSupplier ticker;

    private final Counters counters;

    private final Faults faults = new Faults();

    private final Clock clock = Clock.systemUTC();

    private volatile RateLimit rateLimit;

    private volatile RateLimit.Limiter limiter;

    private volatile Duration latency;

    private volatile RetryAfter.Format retryAfterFormat;

    Upstream(String name, Builder<?, ?> builder) {
        this.name = name;
        this.ticker = builder.ticker;
        this.counters = new Counters(builder.ticker);
        this.rateLimit = builder.rateLimit;
        this.limiter = builder.rateLimit.newLimiter();
        this.latency = builder.latency;
        this.retryAfterFormat = builder.retryAfterFormat;
        WireMockConfiguration options = WireMockConfiguration.options()
            .bindAddress(builder.bindAddress)
            .port(builder.port)
            .containerThreads(builder.threads)
            .asynchronousResponseEnabled(true)
            .asynchronousResponseThreads(4)
            .disableRequestJournal()
            .gzipDisabled(true)
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
            .notifier(new QuietNotifier())
            .extensions(new Responder(), new UpstreamAdmin(this));
        this.server = new WireMockServer(options);
    }

    /** Starts the server and routes every request to this upstream. */
    final void start() {
        this.server.start();
        this.server.stubFor(WireMock.any(WireMock.anyUrl())
            .atPriority(100)
            .willReturn(WireMock.aResponse().withTransformers(RESPONDER)));
        logger.info("{} upstream on {} ({}, latency {} ms)", this.name, baseUrl(), this.rateLimit,
                this.latency.toMillis());
    }

    /** {@code http://127.0.0.1:<port>}: what a connector's {@code base_url} points at. */
    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    private String hostForUrl() {
        String bind = this.server.getOptions().bindAddress();
        return ("0.0.0.0".equals(bind) || bind == null) ? "127.0.0.1" : bind;
    }

    /** The port it listens on. */
    public int port() {
        return this.server.port();
    }

    /** The scripted faults: inject, clear. */
    public Faults faults() {
        return this.faults;
    }

    /** What it was asked and answered. */
    public Counters counters() {
        return this.counters;
    }

    /** The rate limit it enforces now. */
    public RateLimit rateLimit() {
        return this.rateLimit;
    }

    /** Enforces another rate limit from now on, starting with a full allowance. */
    public void rateLimit(RateLimit rateLimit) {
        this.limiter = rateLimit.newLimiter();
        this.rateLimit = rateLimit;
    }

    /** The fixed latency added to every answer. */
    public Duration latency() {
        return this.latency;
    }

    /** Adds this fixed latency to every answer from now on. */
    public void latency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
    }

    /** How the rate limit writes its {@code Retry-After}. */
    public void retryAfterFormat(RetryAfter.Format format) {
        this.retryAfterFormat = Objects.requireNonNull(format);
    }

    /** The WireMock server underneath. */
    public WireMockServer wireMock() {
        return this.server;
    }

    /** Stops the server. */
    @Override
    public void close() {
        this.server.stop();
    }

    /**
     * Checks a request before faults apply: an answer refuses it, {@code null} lets it
     * through.
     */
    abstract Answer check(UpstreamRequest request);

    /**
     * Answers from the data.
     * @param changes how many {@link Fault#contentChanges()} apply (0: as recorded)
     */
    abstract Answer answer(UpstreamRequest request, int changes);

    final ResponseDefinition respond(Request wireRequest) {
        UpstreamRequest request = UpstreamRequest.of(wireRequest.getMethod().getName(), wireRequest.getUrl(),
                wireRequest::getHeader);
        String url = request.canonicalUrl();
        long arrived = this.ticker.getAsLong();
        long fetch = this.counters.arrived(url, arrived, this.clock.instant());
        Duration wait = this.limiter.acquire(arrived);
        Fault.Effect effect = null;
        Answer answer;
        if (!wait.isZero()) {
            answer = Answer.error(429, "Rate limit exceeded: " + this.rateLimit)
                .withHeader("Retry-After", RetryAfter.headerValue(this.retryAfterFormat, wait, this.clock.instant()));
        }
        else if (!"GET".equals(request.method())) {
            answer = Answer.error(405, "Only GET is allowed").withHeader("Allow", "GET");
        }
        else {
            answer = check(request);
            if (answer == null) {
                effect = this.faults.take(request, fetch);
                answer = answerSafely(request, (effect instanceof Fault.Effect.ContentChanges) ? 1 : 0);
            }
        }
        return send(url, arrived, answer, effect);
    }

    private Answer answerSafely(UpstreamRequest request, int changes) {
        try {
            return answer(request, changes);
        }
        catch (RuntimeException ex) {
            logger.error("{} upstream failed to answer {}", this.name, request.pathAndQuery(), ex);
            return Answer.error(500, "The test upstream failed: " + ex);
        }
    }

    private ResponseDefinition send(String url, long arrived, Answer answer, Fault.Effect effect) {
        int delay = (int) this.latency.toMillis();
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
        boolean intact = true;
        switch (effect) {
            case null -> {
            }
            case Fault.Effect.Status status -> {
                answer = Answer.error(status.status(), "Fault injected: " + status.status());
                if (status.retryAfter() != null) {
                    answer = answer.withHeader("Retry-After", status.retryAfter().headerValue(this.clock.instant()));
                }
            }
            case Fault.Effect.Delay extra -> delay += (int) extra.extra().toMillis();
            case Fault.Effect.TruncatedBody truncated -> {
                response.withHeader("Content-Length", Integer.toString(answer.body().length));
                answer = new Answer(answer.status(), answer.headers(), answer.contentType(),
                        Arrays.copyOf(answer.body(), answer.body().length / 2), answer.source());
                intact = false;
            }
            case Fault.Effect.MalformedJson malformed -> {
                answer = new Answer(answer.status(), answer.headers(), answer.contentType(),
                        Arrays.copyOf(answer.body(), answer.body().length / 2), answer.source());
                intact = false;
            }
            case Fault.Effect.ContentChanges changes -> {
            }
            case Fault.Effect.Replacement replacement -> {
                answer = new Answer(replacement.status(), Map.of(), replacement.contentType(),
                        replacement.body().getBytes(StandardCharsets.UTF_8), null);
                intact = false;
            }
            case Fault.Effect.ConnectionReset reset -> {
                this.counters.answered(url, arrived, Counters.NO_RESPONSE, false);
                return response.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                    .withFixedDelay(delay)
                    .build();
            }
        }
        this.counters.answered(url, arrived, answer.status(), intact && answer.status() == 200);
        response.withStatus(answer.status()).withHeader("Content-Type", answer.contentType());
        answer.headers().forEach(response::withHeader);
        if (answer.source() != null) {
            response.withHeader("X-Weir-Upstream-Source", answer.source());
        }
        return response.withBody(answer.body()).withFixedDelay(delay).build();
    }

    @Override
    public String toString() {
        return this.name + " upstream on " + baseUrl();
    }

    private final class Responder implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return respond(serveEvent.getRequest());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return RESPONDER;
        }

    }

    /** WireMock's own chatter goes to this class's log at debug level, errors at warn. */
    private static final class QuietNotifier implements Notifier {

        @Override
        public void info(String message) {
            logger.debug("{}", message);
        }

        @Override
        public void error(String message) {
            logger.warn("{}", message);
        }

        @Override
        public void error(String message, Throwable t) {
            logger.warn("{}", message, t);
        }

    }

    /**
     * What every upstream is started with.
     *
     * @param <B> the builder
     * @param <U> the upstream it starts
     */
    public abstract static sealed class Builder<B extends Builder<B, U>, U extends Upstream>
            permits FhrsUpstream.Builder, OpenMeteoUpstream.Builder {

        private int port;

        private String bindAddress = "127.0.0.1";

        private int threads = 32;

        private RateLimit rateLimit = RateLimit.none();

        private Duration latency = Duration.ZERO;

        private RetryAfter.Format retryAfterFormat = RetryAfter.Format.SECONDS;

        private LongSupplier ticker = System::nanoTime;

        Builder() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public B port(int port) {
            this.port = port;
            return self();
        }

        /** The address to listen on, {@code 127.0.0.1} by default. */
        public B bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return self();
        }

        /** Jetty's request threads (32 by default); latency does not hold one. */
        public B threads(int threads) {
            this.threads = threads;
            return self();
        }

        /** The rate limit to enforce; none by default. */
        public B rateLimit(RateLimit rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit);
            return self();
        }

        /** The fixed latency added to every answer; none by default. */
        public B latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency);
            return self();
        }

        /** How the rate limit writes {@code Retry-After}: seconds by default. */
        public B retryAfter(RetryAfter.Format format) {
            this.retryAfterFormat = Objects.requireNonNull(format);
            return self();
        }

        /**
         * The clock the rate limit and the counters read, in nanoseconds like
         * {@link System#nanoTime()} (the default): a test sets one it moves itself, so
         * that what the limit admits does not depend on how fast the machine is.
         */
        B ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker);
            return self();
        }

        /** Starts the upstream. */
        public final U start() {
            U upstream = build();
            upstream.start();
            return upstream;
        }

        abstract U build();

    }

}
