package dev.weir.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The admin API client against a small local HTTP server. */
class AdminClientTest {

    private HttpServer server;

    private AdminClient client;

    @BeforeEach
    void start() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/events", (exchange) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("event:progress\ndata:{\"pages\":1}\n\n:running\n\nevent:progress\ndata:{\"pages\":2}\n\n"
                        + "event:finished\ndata:{\"status\":\"succeeded\"}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            }
        });
        this.server.createContext("/broken", (exchange) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("event:progress\ndata:{\"pages\":1}\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        this.server.createContext("/missing", (exchange) -> {
            byte[] body = "{\"type\":\"https://weir.dev/problems/not-found\",\"status\":404,\"detail\":\"No connector 'x'.\"}"
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.server.start();
        this.client = new AdminClient(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        this.server.stop(0);
    }

    @Test
    void followsServerSentEventsInOrderUntilTheListenerHasWhatItWants() {
        List<String> seen = new ArrayList<>();

        boolean ended = this.client.follow("/events", (event) -> {
            seen.add(event.name() + " " + event.data());
            return !event.name().equals("finished");
        });

        assertThat(ended).isTrue();
        assertThat(seen).containsExactly("progress {\"pages\":1}", "progress {\"pages\":2}",
                "finished {\"status\":\"succeeded\"}");
    }

    @Test
    void saysWhenAStreamBreaksOffBeforeItsEnd() {
        assertThat(this.client.follow("/broken", (event) -> true)).isFalse();
    }

    @Test
    void reportsAProblemWithItsStatusAndDetail() {
        assertThatExceptionOfType(AdminClient.ProblemException.class).isThrownBy(() -> this.client.get("/missing"))
            .satisfies((ex) -> {
                assertThat(ex.status()).isEqualTo(404);
                assertThat(ex.getMessage()).isEqualTo("No connector 'x'.");
            });
    }

    @Test
    void saysThatNoWeirAnswersWhereNothingListens() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AdminClient nowhere = new AdminClient(URI.create("http://127.0.0.1:" + port));

        assertThatExceptionOfType(AdminClient.UnreachableException.class).isThrownBy(() -> nowhere.get("/topics"))
            .withMessageStartingWith("no Weir answers at http://127.0.0.1:" + port);
    }

}
