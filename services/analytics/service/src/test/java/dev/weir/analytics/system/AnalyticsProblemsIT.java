package dev.weir.analytics.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Analytics server (its kept-answers handler in front of Spring MVC included) answers
 * what a client gets wrong with the RFC 9457 problems of {@code platform/web}
 * (docs/problems.md), never HTML or a 500: a URI the web server refuses before the API
 * sees it, a malformed query, a bad parameter, a body sent to a read-only API, an unknown
 * path.
 */
@AnalyticsIT
class AnalyticsProblemsIT {

    /**
     * A header line with a token granting everything: these are the problems of a caller
     * let in.
     */
    private static final String AUTHORIZATION = "Authorization: " + TestTokens.bearer("admin") + "\r\n";

    @LocalServerPort
    int port;

    @Test
    void answersAnAmbiguousUriWithAMalformedRequestProblem() throws IOException {
        assertProblem(send("GET /retail/%2e%2e/revenue/monthly HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Connection: close\r\n\r\n"), 400, "malformed-request");
        assertProblem(send("GET /retail/customers/17%00850 HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Connection: close\r\n\r\n"), 400, "malformed-request");
        assertProblem(send("GET /retail/revenue/monthly?from=%zz HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Connection: close\r\n\r\n"), 400, "malformed-request");
    }

    @Test
    void answersABadParameterWithAValidationProblemNamingIt() throws IOException {
        String answer = send("GET /retail/revenue/monthly?from=2011-05&to=2011-01 HTTP/1.1\r\nHost: localhost\r\n"
                + AUTHORIZATION + "Connection: close\r\n\r\n");
        assertProblem(answer, 422, "validation");
        assertThat(answer).contains("\"to\"");
    }

    @Test
    void answersABodySentToTheReadOnlyApiAndAnUnknownPathWithProblems() throws IOException {
        assertProblem(post("/retail/revenue/monthly", "{\"from\": "), 405, "method-not-allowed");
        assertProblem(
                send("GET /no/such/path HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION + "Connection: close\r\n\r\n"),
                404, "not-found");
    }

    private String post(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Content-Type: application/json\r\n" + "Content-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static void assertProblem(String answer, int status, String type) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(header(answer, "Content-Type")).isEqualTo("application/problem+json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"type\":\"https://weir.dev/problems/" + type + "\"")
            .contains("\"status\":" + status);
    }

    private static String header(String answer, String name) {
        for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

}
