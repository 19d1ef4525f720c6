package dev.weir.platform.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A service's token for its calls to other services: asked of the edge as an OAuth2
 * client, kept until a minute before it expires, then asked again; or a fixed one.
 */
class ServiceTokenTest {

    private final AtomicInteger issued = new AtomicInteger();

    private final List<String> forms = new CopyOnWriteArrayList<>();

    private volatile int status = 200;

    private HttpServer edge;

    @AfterEach
    void stop() {
        if (this.edge != null) {
            this.edge.stop(0);
        }
    }

    @Test
    void asksTheEdgeAsAClientAndKeepsTheTokenUntilAMinuteBeforeItExpires() throws Exception {
        MovableClock clock = new MovableClock();
        ServiceToken token = new ServiceToken(properties(startEdge(), "weir-services", "s3cret&more", ""), null, clock);

        assertThat(token.configured()).isTrue();
        assertThat(token.authorization()).isEqualTo("Bearer token-1");
        assertThat(this.forms)
            .containsExactly("grant_type=client_credentials&client_id=weir-services&client_secret=s3cret%26more");
        clock.advance(Duration.ofSeconds(239));
        assertThat(token.authorization()).as("kept: it lives 300 s").isEqualTo("Bearer token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(token.authorization()).as("asked again a minute before it expires").isEqualTo("Bearer token-2");
        assertThat(this.issued).hasValue(2);
    }

    @Test
    void aRefusingOrAbsentEdgeIsAnErrorOfTheCallNotAMissingHeader() throws Exception {
        int port = startEdge();
        this.status = 401;
        ServiceToken token = new ServiceToken(properties(port, "weir-services", "wrong", ""), null, new MovableClock());
        assertThatIllegalStateException().isThrownBy(token::authorization).withMessageContaining("401");
        this.edge.stop(0);
        this.edge = null;
        assertThatIllegalStateException().isThrownBy(token::authorization).withMessageContaining("No token");
    }

    @Test
    void aFixedTokenIsSentAsItIsAndNoCredentialsMeanNoHeader() {
        ServiceToken fixed = new ServiceToken(properties(1, "", "", "eyJfixed"), null, new MovableClock());
        assertThat(fixed.authorization()).isEqualTo("Bearer eyJfixed");
        ServiceToken none = new ServiceToken(properties(1, "", "", ""), null, new MovableClock());
        assertThat(none.configured()).isFalse();
        assertThat(none.authorization()).isNull();
    }

    @Test
    void theTokenEndpointIsBesideTheKeySetUnlessGiven() {
        assertThat(properties(8080, "", "", "").effectiveTokenUri()).isEqualTo("http://127.0.0.1:8080/oauth2/token");
    }

    private int startEdge() throws IOException {
        this.edge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.edge.createContext("/oauth2/token", (exchange) -> {
            this.forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = (this.status == 200)
                    ? ("{\"access_token\":\"token-" + this.issued.incrementAndGet()
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(this.status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.edge.start();
        return this.edge.getAddress().getPort();
    }

    private static WeirSecurityProperties properties(int edgePort, String id, String secret, String token) {
        return new WeirSecurityProperties(WeirSecurityProperties.Mode.ENFORCE, "http://localhost:" + edgePort, "weir",
                "http://127.0.0.1:" + edgePort + "/oauth2/jwks", "", Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), "admin", List.of(), List.of(), List.of(),
                new WeirSecurityProperties.ServiceClient(id, secret, "", token));
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-06T00:00:00Z");

        void advance(Duration by) {
            this.now = this.now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return this.now;
        }

    }

}
