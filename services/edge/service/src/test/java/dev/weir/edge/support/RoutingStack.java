package dev.weir.edge.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.edge.EdgeApplication;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestPorts;

/**
 * An edge in front of {@link StubBackend}s, for what a real service cannot easily be made
 * to do: answer slowly, fail, die and come back. Backends: {@code pair} (two instances,
 * routes {@code /lb/**}, with header rules), {@code slow} ({@code /slow/**}, a 500 ms
 * response timeout), {@code dead} ({@code /dead/**}, nothing listening), {@code flaky}
 * ({@code /flaky/**}, a breaker that opens after 4 calls), {@code summary} (the customer
 * summary's backend; also {@code /mounted/**}, with {@code /mounted} taken off),
 * {@code failing} ({@code /failing/**}, one instance, a breaker that opens after 4
 * calls), {@code uploads} ({@code /uploads/**}, a breaker that opens after 2 failed
 * calls). The edge takes request bodies of at most 64 KB.
 */
public final class RoutingStack implements AutoCloseable {

    public final StubBackend first = new StubBackend();

    public final StubBackend second = new StubBackend();

    public final StubBackend slow = new StubBackend();

    public final StubBackend flaky = new StubBackend();

    public final StubBackend summary = new StubBackend();

    public final StubBackend failing = new StubBackend();

    public final StubBackend uploads = new StubBackend();

    private final ConfigurableApplicationContext edge;

    public RoutingStack() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--weir.edge.admin-key=" + EdgeStack.ADMIN_KEY,
                "--weir.edge.data-dir=" + System.getProperty("java.io.tmpdir"),
                "--weir.edge.backends.pair.instances=" + this.first.url() + "," + this.second.url(),
                "--weir.edge.backends.pair.health-interval=300ms",
                "--weir.edge.backends.slow.instances=" + this.slow.url(),
                "--weir.edge.backends.slow.response-timeout=500ms",
                "--weir.edge.backends.dead.instances=http://127.0.0.1:" + TestPorts.free(),
                "--weir.edge.backends.flaky.instances=" + this.flaky.url(),
                "--weir.edge.backends.summary.instances=" + this.summary.url(),
                "--weir.edge.backends.failing.instances=" + this.failing.url(),
                "--weir.edge.backends.uploads.instances=" + this.uploads.url(), "--weir.web.max-request-body=64KB",
                "--resilience4j.circuitbreaker.instances.pair.minimum-number-of-calls=1000",
                "--resilience4j.circuitbreaker.instances.flaky.minimum-number-of-calls=4",
                "--resilience4j.circuitbreaker.instances.flaky.sliding-window-size=4",
                "--resilience4j.circuitbreaker.instances.flaky.wait-duration-in-open-state=60s",
                "--resilience4j.circuitbreaker.instances.failing.minimum-number-of-calls=4",
                "--resilience4j.circuitbreaker.instances.failing.sliding-window-size=4",
                "--resilience4j.circuitbreaker.instances.failing.wait-duration-in-open-state=60s",
                "--resilience4j.circuitbreaker.instances.uploads.minimum-number-of-calls=2",
                "--resilience4j.circuitbreaker.instances.uploads.sliding-window-size=2",
                "--resilience4j.circuitbreaker.instances.uploads.wait-duration-in-open-state=60s",
                "--weir.edge.aggregation.customer-backend=summary", "--weir.edge.aggregation.timeout=1s",
                "--weir.edge.aggregation.analytics-backend=summary",
                "--weir.edge.aggregation.analytics-path=/analytics-of/{customer_id}"));
        route(args, 0, "lb", "pair", "/lb/**");
        args.add("--weir.edge.routes[0].add-request-headers.X-Route=lb");
        args.add("--weir.edge.routes[0].remove-request-headers[0]=X-Secret-Header");
        args.add("--weir.edge.routes[0].add-response-headers.X-Served-By=weir-edge");
        args.add("--weir.edge.routes[0].remove-response-headers[0]=X-Debug");
        route(args, 1, "slow", "slow", "/slow/**");
        route(args, 2, "dead", "dead", "/dead/**");
        route(args, 3, "flaky", "flaky", "/flaky/**");
        // a service mounted under a prefix (as analytics is under /analytics)
        route(args, 4, "mounted", "summary", "/mounted/**");
        args.add("--weir.edge.routes[4].strip-prefix=1");
        route(args, 5, "failing", "failing", "/failing/**");
        route(args, 6, "uploads", "uploads", "/uploads/**");
        this.edge = EdgeApplication.builder().run(EdgeStack.database(args).toArray(String[]::new));
    }

    private static void route(List<String> args, int index, String id, String backend, String path) {
        args.add("--weir.edge.routes[" + index + "].id=" + id);
        args.add("--weir.edge.routes[" + index + "].backend=" + backend);
        args.add("--weir.edge.routes[" + index + "].paths[0]=" + path);
    }

    public Http edge() {
        return Http.anonymous(EdgeStack.port(this.edge));
    }

    @Override
    public void close() {
        this.edge.close();
        for (StubBackend stub : List.of(this.first, this.second, this.slow, this.flaky, this.summary, this.failing,
                this.uploads)) {
            stub.stop();
        }
    }

}
