package dev.weir.edge.route;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import org.springframework.http.client.JettyClientHttpRequestFactory;

import dev.weir.edge.system.EdgeProperties;

/**
 * A service behind the edge: its instances, spread over in turn (the healthy ones), its
 * circuit breaker, and the HTTP client calls to it use (with its timeouts).
 */
final class Backend {

    /** The longest a whole answer may take, however steadily its bytes come. */
    private static final Duration WHOLE_ANSWER = Duration.ofDays(1);

    private final String name;

    private final EdgeProperties.Backend config;

    private final List<Instance> instances;

    private final CircuitBreaker breaker;

    private final HttpClient client;

    private final JettyClientHttpRequestFactory requests;

    private final AtomicInteger next = new AtomicInteger();

    Backend(String name, EdgeProperties.Backend config, CircuitBreaker breaker) {
        this.name = name;
        this.config = config;
        this.instances = config.instances().stream().map((uri) -> new Instance(trimmed(uri))).toList();
        this.breaker = breaker;
        this.client = new HttpClient();
        this.client.setConnectTimeout(config.connectTimeout().toMillis());
        // the response timeout bounds each silence of an instance: the wait for its
        // answer and
        // every gap in the answer's body, not the whole answer, which may stream for as
        // long as
        // bytes keep coming (a connector run's events, an export)
        this.client.setIdleTimeout(config.responseTimeout().toMillis());
        this.client.setFollowRedirects(false);
        this.client.setMaxConnectionsPerDestination(256);
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("edge-" + name);
        threads.setDaemon(true);
        this.client.setExecutor(threads);
        // the edge sets the request's headers itself, none of the client's own, and
        // passes
        // bodies on as they are (no Accept-Encoding of its own, nothing decoded)
        this.client.setUserAgentField(null);
        this.client.getContentDecoderFactories().clear();
        this.requests = new JettyClientHttpRequestFactory(this.client);
        this.requests.setConnectTimeout(config.connectTimeout());
        // Spring's factory sets its read timeout as the exchange's total timeout (and as
        // the
        // wait for the headers, which the idle timeout above bounds): a streamed answer
        // must not be cut at it
        this.requests.setReadTimeout(WHOLE_ANSWER);
        try {
            this.requests.afterPropertiesSet();
        }
        catch (Exception ex) {
            throw new IllegalStateException("The HTTP client of backend " + name + " did not start", ex);
        }
    }

    String name() {
        return this.name;
    }

    EdgeProperties.Backend config() {
        return this.config;
    }

    List<Instance> instances() {
        return this.instances;
    }

    CircuitBreaker breaker() {
        return this.breaker;
    }

    /** The HTTP client of the fast proxy path ({@link EdgeProxy}). */
    HttpClient client() {
        return this.client;
    }

    JettyClientHttpRequestFactory requests() {
        return this.requests;
    }

    /** Stops the HTTP client and its threads. */
    void close() {
        try {
            this.client.stop();
        }
        catch (Exception ex) {
            // it goes with the application anyway
        }
    }

    /** Whether {@code uri} points at one of this backend's instances. */
    boolean serves(URI uri) {
        for (Instance instance : this.instances) {
            if (instance.uri().getPort() == uri.getPort() && instance.uri().getHost().equals(uri.getHost())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next healthy instance not in {@code tried}, in turn; null if there is none.
     */
    Instance pick(Set<Instance> tried) {
        int size = this.instances.size();
        int start = Math.floorMod(this.next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Instance instance = this.instances.get((start + i) % size);
            if (instance.up() && !tried.contains(instance)) {
                return instance;
            }
        }
        return null;
    }

    /** Whether a healthy instance not in {@code tried} is left to try. */
    boolean hasUntried(Set<Instance> tried) {
        for (Instance instance : this.instances) {
            if (instance.up() && !tried.contains(instance)) {
                return true;
            }
        }
        return false;
    }

    /** Any healthy instance, for calls of the edge itself (documents, aggregation). */
    Instance any() {
        return pick(Set.of());
    }

    private static URI trimmed(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

}
