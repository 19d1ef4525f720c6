package dev.weir.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Jetty refuses before Spring MVC sees them, and parts of a request it
 * refuses while Spring reads them, are answered with problems like every other error:
 * never HTML, never an empty body, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.banner-mode=off", "server.max-http-request-header-size=8KB" })
class MalformedRequestsIT {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    NUL in the path                  | GET /things/a%00b HTTP/1.1                 | 400 | malformed-request
                    encoded slash                    | GET /things/a%2Fb HTTP/1.1                 | 400 | malformed-request
                    encoded percent                  | GET /things/a%25b HTTP/1.1                 | 400 | malformed-request
                    encoded dot segment              | GET /things/%2e%2e/x HTTP/1.1              | 400 | malformed-request
                    control character                | GET /things/a\u0001b HTTP/1.1              | 400 | malformed-request
                    malformed percent in the query   | GET /things?country=%zz HTTP/1.1           | 400 | malformed-request
                    encoded dot segment in a PUT     | PUT /things/%2e%2e HTTP/1.1                | 400 | malformed-request
                    encoded slash in a DELETE        | DELETE /things/a%2Fb HTTP/1.1              | 400 | malformed-request
                    NUL in a PATCH                   | PATCH /things/a%00b HTTP/1.1               | 400 | malformed-request
                    encoded percent in an OPTIONS    | OPTIONS /things/a%25b HTTP/1.1             | 400 | malformed-request
                    unknown HTTP version             | GET /things/1 HTTP/2.5                     | 505 | http-version-not-supported
                    HTTP/3 on an HTTP/1 port         | GET /things/1 HTTP/3.0                     | 505 | http-version-not-supported
                    """)
    void answersABadRequestLineWithAProblem(String what, String requestLine, int status, String type)
            throws IOException {
        String request = requestLine.replace("\\u0001", "\u0001") + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";

        assertProblem(send(request), status, type);
    }

    @Test
    void answersAUriOverTheLimitWith414Problem() throws IOException {
        String request = "GET /things/" + "a".repeat(20_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

        assertProblem(send(request), 414, "uri-too-long");
    }

    @Test
    void answersHeadersOverTheLimitWith431Problem() throws IOException {
        String request = "GET /things/1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n";

        assertProblem(send(request), 431, "headers-too-large");
    }

    @Test
    void answersABadHostWithAProblem() throws IOException {
        assertProblem(send("GET /things/1 HTTP/1.1\r\nHost: a b c\r\nConnection: close\r\n\r\n"), 400,
                "malformed-request");
        assertProblem(send("GET /things/1 HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
    }

    @Test
    void answersChunkedFramingWithAContentLengthWithAProblem() throws IOException {
        String request = "POST /things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n";

        assertProblem(send(request), 400, "malformed-request");
    }

    @Test
    void answersARequestThatIsNotHttpWithAProblem() throws IOException {
        assertProblem(send("HELLO\r\n\r\n"), 400, "malformed-request");
    }

    @Test
    void refusesTraceWith405AndTheMethodsThePathAllowsInsteadOfEchoingTheHeaders() throws IOException {
        String answer = send(
                "TRACE /things/1 HTTP/1.1\r\nHost: localhost\r\nX-Secret: s3cr3t\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 405, "method-not-allowed");
        assertThat(header(answer, "Allow")).contains("GET").doesNotContain("TRACE");
        assertThat(answer).doesNotContain("s3cr3t");
    }

    @Test
    void refusesANulCharacterInAQueryParameterWith422NamingIt() throws IOException {
        String answer = send("GET /things?country=Ice%00land HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 422, "validation");
        assertThat(answer).contains("\"field\":\"country\"").contains("\"in\":\"query\"");
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            foo
            */*;q=abc
            application/
            """)
    void answersAnAcceptHeaderThatIsNotAMediaTypeWithAProblem(String accept) throws IOException {
        String answer = send(
                "GET /things/1 HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).matches("(?s)HTTP/1.1 40[06] .*");
        assertThat(header(answer, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).startsWith("{").contains("\"status\":40");
    }

    @Test
    void answersAMalformedFormBodyWithAProblem() throws IOException {
        String answer = postForm("/things", "a=%zz");

        assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d .*");
        assertThat(header(answer, "Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void answersAFailureOutsideSpringMvcWithAProblemNotSpringBootsErrorJson() throws IOException {
        // a filter reads the form (as the edge's gateway does) and Jetty refuses its
        // encoding
        String answer = postForm("/form-filter", "a=%zz");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer).doesNotContain("timestamp");
    }

    @Test
    void labelsASuccessfulAnswerAsWhatItIsWhenTheClientAsksForAProblem() throws IOException {
        String answer = send("GET /things/7/json HTTP/1.1\r\nHost: localhost\r\nAccept: application/problem+json"
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(header(answer, "Content-Type")).isEqualTo("application/json");
    }

    @Test
    void readsTheRestOfABodyItRefusedUnreadSoTheConnectionServesTheNextRequest() throws IOException {
        // a PUT the path does not allow: 405 from its headers alone; the client (the
        // edge)
        // is still sending the body when the answer comes
        int length = 600_000;
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /things/7 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[1000]);
            out.flush();
            InputStream in = socket.getInputStream();
            String refused = readAnswer(in);
            assertThat(refused).startsWith("HTTP/1.1 405 ");
            out.write(new byte[length - 1000]);
            out.write("GET /things/7 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readAnswer(in)).as("the next request on the same connection").startsWith("HTTP/1.1 200 ");
        }
    }

    /** One answer with a Content-Length, read from the connection. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the connection closed: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!header(text + "\r\n", "Transfer-Encoding").equalsIgnoreCase("chunked")) {
            int length = Integer.parseInt(header(text + "\r\n", "Content-Length"));
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
            body.write(in.readNBytes(size));
            line(in);
            if (size == 0) {
                return text + body.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException("the connection closed");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    @Test
    void stillAnswersAGoodRequest() throws IOException {
        String answer = send("GET /things/7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("thing 7");
    }

    private static void assertProblem(String answer, int status, String type) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(header(answer, "Content-Type")).isEqualTo("application/problem+json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).startsWith("{")
            .contains("\"type\":\"https://weir.dev/problems/" + type + "\"")
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

    /** The answer to a form posted to {@code path} with {@code body} as it is. */
    private String postForm(String path, String body) throws IOException {
        return send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @RestController
    static class Things {

        @GetMapping("/things/{id}")
        String thing(@PathVariable String id) {
            return "thing " + id;
        }

        @GetMapping("/things/{id}/json")
        java.util.Map<String, String> thingAsJson(@PathVariable String id) {
            return java.util.Map.of("id", id);
        }

        @GetMapping("/things")
        String things(@RequestParam(required = false) String country) {
            return "things in " + country;
        }

        @PostMapping("/things")
        String create(@RequestBody String body) {
            return body;
        }

        @org.springframework.context.annotation.Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> formReadingFilter() {
            jakarta.servlet.Filter filter = (request, response, chain) -> {
                if (((jakarta.servlet.http.HttpServletRequest) request).getRequestURI().equals("/form-filter")) {
                    request.getParameterMap();
                }
                chain.doFilter(request, response);
            };
            return new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        }

    }

}
