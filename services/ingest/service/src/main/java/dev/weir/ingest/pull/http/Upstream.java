package dev.weir.ingest.pull.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.github.resilience4j.retry.Retry;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.TokenClient;

/**
 * The upstream API as one run sees it: GETs within the request budget, retried by the
 * retry policy, with credentials added per attempt (a 401 refreshes an OAuth2 token
 * once), each response read whole within the read timeout and the page size limit.
 */
public final class Upstream implements TokenClient, AutoCloseable {

    private static final String USER_AGENT = "weir-ingest/0.1 (+https://weir.dev)";

    private final ConnectorConfig config;

    private final RequestBudget budget;

    private final RetryPolicy policy;

    private final Retry retry;

    private final Requests counters;

    private final HttpClient http;

    /**
     * The upstream of one run of a connector: its budget, and its retry policy on
     * {@code clock}.
     */
    public Upstream(ConnectorConfig config, Clock clock, Requests counters) {
        this.config = config;
        this.budget = new RequestBudget(config.budget());
        this.policy = new RetryPolicy(config.retry(), clock);
        this.retry = policy.retry(config.name());
        this.retry.getEventPublisher().onRetry((event) -> counters.retried());
        this.counters = counters;
        this.http = HttpClient.newBuilder()
            .connectTimeout(config.timeouts().connect())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    }

    /**
     * Hears every request sent, retried and answered 429 (a run's counters): called on
     * the requesting threads, so quick and thread-safe.
     */
    public interface Requests {

        /** A request was sent (each attempt counts). */
        void requested();

        /** A failed attempt or a retriable answer is retried. */
        void retried();

        /** The upstream answered 429. */
        void rateLimited();

    }

    /** A response read whole. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
    }

    /**
     * What came of a GET, once the retry policy is done with it.
     */
    public sealed interface Outcome {

        /** A 2xx answer. */
        record Answered(Response response) implements Outcome {
        }

        /**
         * The last answer, not a 2xx: permanent, or still retriable when the attempts ran
         * out or the upstream asked to wait too long.
         *
         * @param refusal why it was not retried (again)
         * @param retryAfter the wait the upstream asked for, if it did
         */
        record Refused(Response response, RetryPolicy.Refusal refusal,
                Optional<Duration> retryAfter) implements Outcome {
        }

        /**
         * No answer: the last attempt failed (I/O, timeout, a token that cannot be had).
         *
         * @param retried whether it was a retriable failure, tried up to the attempts
         */
        record Unreachable(IOException failure, boolean retried) implements Outcome {
        }

        /**
         * A body larger than {@code max_page_size}: its beginning.
         */
        record TooLarge(byte[] head, String reason) implements Outcome {
        }

    }

    /**
     * GETs a planned request, retrying as the policy says.
     */
    public Outcome get(OutgoingRequest planned, Authenticator authenticator) throws InterruptedException {
        Response response;
        try {
            response = attempt(planned, authenticator);
        }
        catch (PageTooLargeException ex) {
            return new Outcome.TooLarge(ex.head(), ex.getMessage());
        }
        catch (IOException ex) {
            return new Outcome.Unreachable(ex, RetryPolicy.retriable(ex));
        }
        if (response.status() >= 200 && response.status() < 300) {
            return new Outcome.Answered(response);
        }
        return new Outcome.Refused(response, this.policy.refusal(response), this.policy.retryAfter(response));
    }

    /**
     * The attempts of a GET.
     * @return the last response: a success, a permanent failure, or a retriable one when
     * the attempts ran out or the upstream asked to wait too long
     * @throws IOException when the last attempt failed without a response
     * @throws PageTooLargeException when the body is larger than {@code max_page_size}
     */
    private Response attempt(OutgoingRequest planned, Authenticator authenticator)
            throws IOException, InterruptedException {
        Retry.Context<Response> attempts = this.retry.context();
        boolean refreshed = false;
        while (true) {
            Response response;
            try {
                OutgoingRequest request = planned.copy();
                authenticator.authenticate(request);
                response = this.budget.spend(() -> send(request));
            }
            catch (IOException ex) {
                if (!RetryPolicy.retriable(ex)) {
                    throw ex;
                }
                try {
                    attempts.onError(ex);
                }
                catch (IOException | RuntimeException last) {
                    throw last;
                }
                catch (Exception other) {
                    throw new IOException(other);
                }
                checkInterrupted();
                continue;
            }
            if (response.status() == 401 && !refreshed && authenticator.refresh()) {
                refreshed = true;
                continue;
            }
            if (response.status() == 429) {
                this.counters.rateLimited();
            }
            if (attempts.onResult(response)) {
                checkInterrupted();
                continue;
            }
            attempts.onComplete();
            return response;
        }
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the run was stopped");
        }
    }

    private Response send(OutgoingRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
            .GET()
            .timeout(this.config.timeouts().read())
            .header("User-Agent", USER_AGENT);
        request.headers().forEach(builder::header);
        long limit = this.config.maxPageSize().toBytes();
        CompletableFuture<HttpResponse<byte[]>> future = this.http.sendAsync(builder.build(),
                (info) -> new LimitedBody(limit));
        this.counters.requested();
        Duration read = this.config.timeouts().read();
        try {
            HttpResponse<byte[]> response = future.get(read.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + read.toMillis() + " ms (timeouts.read)");
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof PageTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
        catch (InterruptedException ex) {
            future.cancel(true);
            throw ex;
        }
    }

    @Override
    public TokenClient.Response postForm(URI uri, Map<String, String> headers, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet()
            .stream()
            .map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(this.config.timeouts().read())
            .header("User-Agent", USER_AGENT)
            .header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(builder::header);
        HttpResponse<String> response = this.budget
            .spend(() -> this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        return new TokenClient.Response(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        this.http.close();
    }

    /** A body larger than {@code max_page_size}; carries its beginning. */
    private static final class PageTooLargeException extends RuntimeException {

        private final byte[] head;

        PageTooLargeException(long limit, byte[] head) {
            super("the body is larger than max_page_size (" + limit + " bytes)");
            this.head = head;
        }

        byte[] head() {
            return this.head;
        }

    }

    /** Reads a body up to a limit, then gives up on it. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private final long limit;

        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (this.result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (this.bytes.size() + (long) item.remaining() > this.limit) {
                    this.subscription.cancel();
                    this.result.completeExceptionally(new PageTooLargeException(this.limit, this.bytes.toByteArray()));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                this.bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            this.result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            this.result.complete(this.bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return this.result;
        }

    }

}
