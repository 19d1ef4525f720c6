package dev.weir.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.platform.web.spi.RequestGuard;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FastGetRoutes} on a real Jetty server: where routes and the rest of the stack
 * run, and what a request gets when no worker can take it.
 */
class FastGetRoutesServerTest {

    static final String IO_THREAD = "selector";

    static final String WORKER = "worker";

    final AtomicBoolean refuseWork = new AtomicBoolean();

    final AtomicReference<String> routeThread = new AtomicReference<>();

    final AtomicReference<String> stackThread = new AtomicReference<>();

    final AtomicInteger lookups = new AtomicInteger();

    Server server;

    HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool() {
            @Override
            public void execute(Runnable job) {
                // Only FastGetRoutes' own hand-over is refused: Jetty also needs workers
                // to
                // accept and read connections, and refusing those closed the connection
                // before the request was read (the test failed under load).
                if (FastGetRoutesServerTest.this.refuseWork.get() && handingOver()) {
                    throw new RejectedExecutionException("refused by the test");
                }
                super.execute(job);
            }
        };
        pool.setName("worker");
        this.server = new Server(pool);
        this.server.addConnector(new ServerConnector(this.server, 1, 1));
        Handler.Abstract stack = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                FastGetRoutesServerTest.this.stackThread.set(thread());
                response.write(true, StandardCharsets.UTF_8.encode("from the stack"), callback);
                return true;
            }
        };
        FastGetRoute route = new FastGetRoute() {
            @Override
            public String prefix() {
                return "/thing/";
            }

            @Override
            public CompletionStage<Answer> find(String key, Executor blocking) {
                FastGetRoutesServerTest.this.routeThread.set(thread());
                FastGetRoutesServerTest.this.lookups.incrementAndGet();
                return CompletableFuture.supplyAsync(() -> switch (key) {
                    case "known" -> new Found<>("\"v1\"", List.of(key));
                    case "failing" -> throw new IllegalStateException("the database is gone");
                    default -> new Missing(
                            WeirException.notFound("Thing not found", "No thing '" + key + "'.").with("thing", key));
                }, blocking);
            }
        };
        RequestGuard refuseMarked = (request) -> (request.header("X-Refuse") != null) ? Optional
            .of(RequestGuard.Refusal.of(WeirException.unauthenticated("Unauthenticated", "No valid credentials."))
                .withHeader("WWW-Authenticate", "Bearer")) : Optional.empty();
        this.server.setHandler(new FastGetRoutes(stack, () -> List.of(route), JsonMapper.builder().build(),
                new RequestGuards(() -> List.of(refuseMarked))));
        this.server.start();
    }

    private static boolean handingOver() {
        return StackWalker.getInstance()
            .walk((frames) -> frames.anyMatch((frame) -> frame.getClassName().equals(FastGetRoutes.class.getName())
                    && frame.getMethodName().equals("handle")));
    }

    @AfterEach
    void stop() throws Exception {
        this.refuseWork.set(false);
        this.client.close();
        this.server.stop();
    }

    @Test
    void routesRunOnTheIoThreadAndTheRestOfTheStackOnAWorker() throws Exception {
        var found = get("/thing/known");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).isEqualTo("[\"known\"]");
        assertThat(found.headers().firstValue("ETag")).contains("\"v1\"");
        assertThat(this.routeThread.get()).isEqualTo(IO_THREAD);

        var failing = get("/thing/failing");
        assertThat(failing.body()).isEqualTo("from the stack");
        assertThat(this.stackThread.get()).isEqualTo(WORKER);

        assertThat(get("/elsewhere").body()).isEqualTo("from the stack");
        assertThat(this.stackThread.get()).isEqualTo(WORKER);
    }

    @Test
    void answers503AsAProblemWhenNoWorkerTakesTheRequest() throws Exception {
        assertThat(get("/thing/known").statusCode()).isEqualTo(200);
        this.refuseWork.set(true);
        this.stackThread.set(null);
        var refused = get("/elsewhere");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        var problem = JsonMapper.builder().build().readTree(refused.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        // only the members that are set, as Spring MVC writes a problem
        assertThat(problem.propertyNames()).containsExactly("type", "title", "status", "detail");
        assertThat(this.stackThread.get()).isNull();
    }

    @Test
    void answersAMissingThingWithItsProblemWithoutTheStack() throws Exception {
        var missing = get("/thing/unknown");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        var problem = JsonMapper.builder().build().readTree(missing.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
        assertThat(problem.get("instance").asString()).isEqualTo("/thing/unknown");
        assertThat(problem.get("thing").asString()).isEqualTo("unknown");
        assertThat(this.stackThread.get()).isNull();
    }

    @Test
    void aRefusingGuardStopsARouteRequestBeforeAnyLookup() throws Exception {
        var refused = get("/thing/known", "X-Refuse", "yes");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        var problem = JsonMapper.builder().build().readTree(refused.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(this.lookups).hasValue(0);
        assertThat(this.stackThread.get()).isNull();

        assertThat(get("/thing/known").statusCode()).isEqualTo(200);
        assertThat(this.lookups).hasValue(1);
    }

    /**
     * Whether the current thread is the I/O thread, running a task between two selects
     * (Jetty's "produce-consume": the thread that selected runs what it found, then
     * selects again), or a worker.
     */
    private static String thread() {
        boolean betweenSelects = StackWalker.getInstance()
            .walk((frames) -> frames
                .anyMatch((frame) -> frame.getClassName().equals(AdaptiveExecutionStrategy.class.getName())
                        && frame.getMethodName().equals("pcRunTask")));
        return betweenSelects ? IO_THREAD : WORKER;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        int port = ((ServerConnector) this.server.getConnectors()[0]).getLocalPort();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
