package dev.weir.edge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.weir.testing.infra.TestPorts;

/**
 * A backend instance the edge routes to, whose answers a test sets (status, body,
 * headers, a delay) by path prefix, counting the calls and keeping their headers. It can
 * {@link #kill() die} and {@link #revive() come back}: while dead it breaks every call
 * and reports itself down, but keeps its port, which on a shared machine another process
 * would otherwise take.
 */
public final class StubBackend {

    private final int port = TestPorts.free();

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private final Map<String, Trickle> trickles = new ConcurrentHashMap<>();

    private final AtomicInteger calls = new AtomicInteger();

    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicInteger mostInFlight = new AtomicInteger();

    private final List<Headers> received = new CopyOnWriteArrayList<>();

    private volatile HttpServer server;

    private volatile boolean dead;

    public StubBackend() {
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + this.port;
    }

    /**
     * Answers calls whose path starts with {@code prefix} so (the longest prefix wins).
     */
    public StubBackend answer(String prefix, int status, String body, long delayMillis, String... headers) {
        this.answers.put(prefix, new Answer(status, body, delayMillis, headers));
        return this;
    }

    /**
     * Answers calls whose path starts with {@code prefix} with a 200 whose body comes in
     * {@code chunks} (text), the headers at once and then a chunk every
     * {@code gapMillis}: a stream (server-sent events, a long export) that lasts longer
     * than a timeout while bytes keep coming.
     */
    public StubBackend trickle(String prefix, List<String> chunks, long gapMillis) {
        this.trickles.put(prefix, new Trickle(chunks, gapMillis));
        return this;
    }

    /** Calls so far, health checks excluded. */
    public int calls() {
        return this.calls.get();
    }

    /** The most calls it was answering at once, health checks excluded. */
    public int mostInFlight() {
        return this.mostInFlight.get();
    }

    /** The headers of the last call, health checks excluded. */
    public Headers lastHeaders() {
        return this.received.isEmpty() ? new Headers() : this.received.get(this.received.size() - 1);
    }

    private synchronized void start() {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 50);
            started.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            started.createContext("/", this::handle);
            started.start();
            this.server = started;
            this.dead = false;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Breaks every call from now on, without answering; its health is 503. */
    public void kill() {
        this.dead = true;
    }

    /** Answers again. */
    public void revive() {
        this.dead = false;
    }

    public synchronized void stop() {
        this.dead = true;
        if (this.server != null) {
            this.server.stop(0);
            this.server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/health")) {
            reply(exchange, this.dead ? new Answer(503, "{\"status\":\"DOWN\"}", 0, new String[0])
                    : new Answer(200, "{\"status\":\"UP\"}", 0, new String[0]));
            return;
        }
        if (this.dead) {
            throw new IOException("this instance is dead");
        }
        this.calls.incrementAndGet();
        this.received.add(exchange.getRequestHeaders());
        Trickle trickle = this.trickles.get(path);
        if (trickle != null) {
            exchange.getRequestBody().readAllBytes();
            trickle(exchange, trickle);
            return;
        }
        Answer answer = this.answers.entrySet()
            .stream()
            .filter((e) -> path.startsWith(e.getKey()))
            .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
            .map(Map.Entry::getValue)
            .orElse(new Answer(200, "{\"path\":\"" + path + "\",\"port\":" + this.port + "}", 0, new String[0]));
        exchange.getRequestBody().readAllBytes();
        this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.inFlight.decrementAndGet();
        }
        reply(exchange, answer);
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        for (int i = 0; i < answer.headers().length; i += 2) {
            exchange.getResponseHeaders().set(answer.headers()[i], answer.headers()[i + 1]);
        }
        try {
            exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
        catch (IOException ex) {
            // the edge gave up waiting
        }
        exchange.close();
    }

    private static void trickle(HttpExchange exchange, Trickle trickle) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        try (exchange) {
            exchange.sendResponseHeaders(200, 0);
            for (String chunk : trickle.chunks()) {
                Thread.sleep(trickle.gapMillis());
                exchange.getResponseBody().write(chunk.getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            // the edge gave up
        }
    }

    private record Answer(int status, String body, long delayMillis, String[] headers) {
    }

    private record Trickle(List<String> chunks, long gapMillis) {
    }

}
