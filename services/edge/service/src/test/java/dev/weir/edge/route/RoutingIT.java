package dev.weir.edge.route;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.weir.edge.support.EdgeStack;
import dev.weir.edge.support.RoutingStack;
import dev.weir.testing.infra.Http;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing to backends that misbehave: load spread over instances, an instance that dies
 * taken out (and back in when it returns), retries only where they are safe, and a
 * precise problem, quickly, when a backend cannot answer.
 */
class RoutingIT {

    private static RoutingStack stack;

    private static Http edge;

    private static String key;

    @BeforeAll
    static void start() {
        stack = new RoutingStack();
        edge = stack.edge();
        key = EdgeStack.ADMIN_KEY;
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aServiceMountedUnderAPrefixGetsTheCallWithoutIt() {
        Http.Response answer = edge.get("/mounted/retail/revenue/monthly?from=2011-01", "X-API-Key", key,
                "X-Forwarded-Prefix", "/elsewhere");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("path").asString()).isEqualTo("/retail/revenue/monthly");
        assertThat(stack.summary.lastHeaders().get("X-Forwarded-Prefix"))
            .as("the service is told where it is mounted, to build its links; the client's own is replaced")
            .containsExactly("/mounted");
        // a plain read (no query) the same
        Http.Response plain = edge.get("/mounted/fleet/battery", "X-API-Key", key, "X-Forwarded-Prefix", "/elsewhere");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().get("path").asString()).isEqualTo("/fleet/battery");
        assertThat(stack.summary.lastHeaders().get("X-Forwarded-Prefix")).containsExactly("/mounted");
    }

    @Test
    void passesAQueryWithBracketsToAServiceMountedUnderAPrefix() {
        String answer = rawGet("/mounted/things?a[]=1&b=%5B2%5D");
        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"path\":\"/things\"");
    }

    @Test
    void theMergedDocumentListsAMountedServicesOperationsUnderItsPrefix() {
        stack.summary.answer("/openapi.json", 200, """
                {"openapi": "3.1.0", "info": {"title": "mounted", "version": "1"},
                 "paths": {"/retail/revenue/monthly": {"get": {"responses": {"200": {"description": "ok"}}}}}}
                """, 0, "Content-Type", "application/json");

        JsonNode paths = edge.get("/openapi.json").json().get("paths");

        assertThat(paths.has("/mounted/retail/revenue/monthly")).as(paths.toString()).isTrue();
        assertThat(paths.has("/retail/revenue/monthly")).as("not where a client calls it").isFalse();
    }

    @Test
    void spreadsCallsOverTheInstancesOfABackend() {
        int first = stack.first.calls();
        int second = stack.second.calls();
        for (int i = 0; i < 20; i++) {
            assertThat(edge.get("/lb/spread", "X-API-Key", key).status()).isEqualTo(200);
        }
        assertThat(stack.first.calls() - first).isBetween(8, 12);
        assertThat(stack.second.calls() - second).isBetween(8, 12);
    }

    @Test
    void takesAnInstanceThatDiesOutAndBringsItBackWhenItReturns() {
        stack.second.kill();
        try {
            // calls that meet the dead instance are retried on the other one: none fails
            for (int i = 0; i < 10; i++) {
                assertThat(edge.get("/lb/while-down", "X-API-Key", key).status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> backend("pair").contains("\"down\""));
        }
        finally {
            stack.second.revive();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !backend("pair").contains("\"down\""));
        int second = stack.second.calls();
        for (int i = 0; i < 6; i++) {
            edge.get("/lb/back", "X-API-Key", key);
        }
        assertThat(stack.second.calls()).isGreaterThan(second);
    }

    @Test
    void retriesAnIdempotentCallOnAnotherInstanceButNeverAPost() {
        stack.first.answer("/lb/fails", 503, "{}", 0);
        stack.second.answer("/lb/fails", 503, "{}", 0);
        try {
            int before = stack.first.calls() + stack.second.calls();
            Http.Response get = edge.get("/lb/fails", "X-API-Key", key);
            assertThat(get.status()).isEqualTo(503);
            assertThat(stack.first.calls() + stack.second.calls() - before).as("GET attempts").isEqualTo(2);
            before = stack.first.calls() + stack.second.calls();
            Http.Response post = edge.post("/lb/fails", "{\"a\": 1}", "X-API-Key", key);
            assertThat(post.status()).isEqualTo(503);
            assertThat(stack.first.calls() + stack.second.calls() - before).as("POST attempts").isEqualTo(1);
        }
        finally {
            stack.first.answer("/lb/fails", 200, "{}", 0);
            stack.second.answer("/lb/fails", 200, "{}", 0);
        }
    }

    @Test
    void answers504WhenABackendDoesNotAnswerWithinItsTimeout() {
        // the backend would answer 200 after 3 s; its response timeout is 500 ms
        stack.slow.answer("/slow", 200, "{}", 3000);
        Http.Response answer = edge.post("/slow/thing", "{}", "X-API-Key", key);
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.problem()).isEqualTo("gateway-timeout");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("500 ms");
    }

    @Test
    void passesOnAStreamThatLastsLongerThanTheResponseTimeoutWhileBytesKeepComing() {
        // 8 chunks, one every 200 ms: 1.6 s in all against the backend's 500 ms response
        // timeout, which bounds
        // the wait for the answer and each silence in it, not the whole stream (a
        // connector run's events, an export)
        List<String> chunks = IntStream.range(0, 8).mapToObj((i) -> "chunk " + i + "\n").toList();
        stack.slow.trickle("/slow/stream", chunks, 200);
        Http.Response fast = edge.get("/slow/stream", "X-API-Key", key);
        assertThat(fast.status()).isEqualTo(200);
        assertThat(fast.body()).isEqualTo(String.join("", chunks));
        // with a query the call takes the servlet stack and the gateway's client, not the
        // fast path
        Http.Response gateway = edge.get("/slow/stream?follow=true", "X-API-Key", key);
        assertThat(gateway.status()).isEqualTo(200);
        assertThat(gateway.body()).isEqualTo(String.join("", chunks));
    }

    @Test
    void answers502Or503QuicklyWhenNothingListens() {
        Http.Response first = edge.get("/dead/thing", "X-API-Key", key);
        assertThat(first.status()).isIn(502, 503);
        assertThat(first.problem()).isIn("bad-gateway", "backend-unavailable");
        // once the instance is known to be down, calls are not even tried
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.get("/dead/thing", "X-API-Key", key).status() == 503);
        Http.Response later = edge.get("/dead/thing", "X-API-Key", key);
        assertThat(later.problem()).isEqualTo("backend-unavailable");
        assertThat(later.header("Retry-After")).isNotBlank();
    }

    @Test
    void opensTheCircuitOfABackendThatKeepsFailing() {
        stack.flaky.answer("/flaky", 502, "{}", 0);
        for (int i = 0; i < 4; i++) {
            edge.post("/flaky/x", "{}", "X-API-Key", key);
        }
        int calls = stack.flaky.calls();
        Http.Response open = edge.post("/flaky/x", "{}", "X-API-Key", key);
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.problem()).isEqualTo("backend-unavailable");
        assertThat(open.json().get("detail").asString()).contains("circuit");
        assertThat(stack.flaky.calls()).as("calls reaching the backend while open").isEqualTo(calls);
    }

    @Test
    void answers504WhenABackendDoesNotAnswerAReadWithinItsTimeout() {
        stack.slow.answer("/slow/read", 200, "{}", 3000);
        Http.Response answer = edge.get("/slow/read", "X-API-Key", key);
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.problem()).isEqualTo("gateway-timeout");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("500 ms");
    }

    @Test
    void passesTheOnlyInstancesOwnFailureOnAndOpensTheCircuitOfReadsThatKeepFailing() {
        stack.failing.answer("/failing", 502, "{\"own\": true}", 0);
        for (int i = 0; i < 4; i++) {
            Http.Response failed = edge.get("/failing/x", "X-API-Key", key);
            assertThat(failed.status()).isEqualTo(502);
            assertThat(failed.json().get("own").asBoolean()).as("no other instance to retry on").isTrue();
        }
        int calls = stack.failing.calls();
        Http.Response open = edge.get("/failing/x", "X-API-Key", key);
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.problem()).isEqualTo("backend-unavailable");
        assertThat(open.json().get("detail").asString()).contains("circuit");
        assertThat(open.header("Retry-After")).isEqualTo("5");
        assertThat(stack.failing.calls()).as("calls reaching the backend while open").isEqualTo(calls);
    }

    @Test
    void answers413ForAChunkedBodyOverTheLimitAndBlamesTheClientNotTheBackend() {
        // no Content-Length: the edge finds the body too large while passing it on
        byte[] body = ("{\"blob\": \"" + "x".repeat(256 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            Http.Response refused = edge.send(
                    HttpRequest.newBuilder(edge.uri("/uploads/blob"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                    "X-API-Key", key);
            assertThat(refused.status()).as("attempt %d: %s", i, refused.body()).isEqualTo(413);
            assertThat(refused.problem()).isEqualTo("payload-too-large");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        // the uploads backend's breaker opens after 2 failures: these were none
        Http.Response after = edge.post("/uploads/small", "{}", "X-API-Key", key);
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void doesNotBlameTheBackendForABodyItsClientStoppedSending() throws Exception {
        for (int i = 0; i < 4; i++) {
            try (Socket socket = new Socket("127.0.0.1", java.net.URI.create(edge.base()).getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /uploads/partial HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"
                        + "x".repeat(1024) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
                // and the client goes away in the middle of its body
            }
        }
        // the uploads backend's breaker opens after 2 failures: these were none
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Http.Response after = edge.post("/uploads/after-partial", "{}", "X-API-Key", key);
            assertThat(after.status()).as(after.body()).isEqualTo(200);
        });
    }

    @Test
    void refusesWhatItCannotPassOnAsTheClientsErrorWithoutBlamingTheBackend() {
        for (int i = 0; i < 3; i++) {
            for (String query : List.of("after=%zz", "a=%ff%fe", "a=%", "%zz=1")) {
                // as sent on the wire: a URI class would refuse to make it
                String answer = rawGet("/uploads/x?" + query);
                assertThat(answer).as(query).startsWith("HTTP/1.1 400 ").contains("malformed-request");
            }
            for (String type : List.of("application/json; charset=utf-99", ";;;/")) {
                Http.Response unsupported = edge.send(HttpRequest.newBuilder(edge.uri("/uploads/x"))
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")), "X-API-Key", key);
                assertThat(unsupported.status()).as(type + ": " + unsupported.body()).isIn(400, 415);
                assertThat(unsupported.header("Content-Type")).startsWith("application/problem+json");
            }
            Http.Response tooLong = edge.get("/uploads/" + "A".repeat(10_000), "X-API-Key", key);
            assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(414);
            assertThat(tooLong.problem()).isEqualTo("uri-too-long");
        }
        // the uploads backend's breaker opens after 2 failures: these were none
        Http.Response after = edge.get("/uploads/fine?a=%C3%A9", "X-API-Key", key);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    /** The whole answer to a GET of {@code target} sent as it is, with the key. */
    private static String rawGet(String target) {
        try (Socket socket = new Socket("127.0.0.1", java.net.URI.create(edge.base()).getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void passesAServicesRefusalOfABodyOnWhole() {
        // a refusal of a request with a body is read by the edge before it is passed on
        // (a service may close the connection while the body is still being sent)
        String small = "{\"type\":\"https://weir.dev/problems/not-acceptable\",\"status\":406}";
        String large = "{\"rows\": \"" + "0123456789".repeat(10_000) + "\"}";
        stack.uploads.answer("/uploads/refuse-small", 406, small, 0, "Content-Type", "application/problem+json");
        stack.uploads.answer("/uploads/refuse-large", 415, large, 0);
        Http.Response refused = edge.post("/uploads/refuse-small", "{\"a\": 1}", "X-API-Key", key);
        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.body()).isEqualTo(small);
        Http.Response bigger = edge.post("/uploads/refuse-large", "{\"a\": 1}", "X-API-Key", key);
        assertThat(bigger.status()).isEqualTo(415);
        assertThat(bigger.body()).isEqualTo(large);
    }

    @Test
    void passesALargeAnswerOnWhole() {
        String big = "{\"rows\": \"" + "0123456789".repeat(50_000) + "\"}";
        stack.first.answer("/lb/big", 200, big, 0);
        stack.second.answer("/lb/big", 200, big, 0);
        Http.Response answer = edge.get("/lb/big", "X-API-Key", key);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(big);
    }

    @Test
    void passesNoneOfTheClientsForwardedHeadersOn() {
        Http.Response answer = edge.get("/lb/forwarded", "X-API-Key", key, "X-Request-Id", "trace-fwd",
                "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Host", "evil.example", "Forwarded", "for=203.0.113.9");
        assertThat(answer.status()).isEqualTo(200);
        var received = withRequestId("trace-fwd");
        assertThat(received.getFirst("X-Request-Id")).isEqualTo("trace-fwd");
        assertThat(received.getFirst("X-Forwarded-For")).isNull();
        assertThat(received.getFirst("X-Forwarded-Host")).isNull();
        assertThat(received.getFirst("Forwarded")).isNull();
    }

    @Test
    void transformsHeadersAndCarriesARequestId() {
        stack.first.answer("/lb/headers", 200, "{}", 0, "X-Debug", "internal", "X-Weir-Service", "retail", "Server",
                "Jetty(12)");
        stack.second.answer("/lb/headers", 200, "{}", 0, "X-Debug", "internal", "X-Weir-Service", "retail", "Server",
                "Jetty(12)");
        Http.Response answer = edge.get("/lb/headers", "X-API-Key", key, "X-Secret-Header", "s3cret", "X-Request-Id",
                "trace-42", "X-Forwarded-Prefix", "/elsewhere");
        assertThat(answer.header("X-Served-By")).isEqualTo("weir-edge");
        assertThat(answer.header("X-Debug")).isNull();
        assertThat(answer.header("X-Weir-Service")).isNull();
        assertThat(answer.header("X-Request-Id")).isEqualTo("trace-42");
        var received = withRequestId("trace-42");
        assertThat(received.getFirst("X-Route")).isEqualTo("lb");
        assertThat(received.getFirst("X-Secret-Header")).isNull();
        assertThat(received.getFirst("X-Forwarded-Prefix")).as("only a mounted service is told a prefix").isNull();
        assertThat(received.getFirst("X-Request-Id")).isEqualTo("trace-42");
        assertThat(received.getFirst("X-API-Key")).as("the API key never leaves the edge").isNull();
        assertThat(received.getFirst("Authorization")).startsWith("Bearer ey");
        Http.Response generated = edge.get("/lb/headers", "X-API-Key", key, "X-Request-Id", "bad id with spaces");
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void answersACustomerSummaryWithTheMissingPartMarked() {
        stack.summary.answer("/customer/s1", 200, "{\"customer_id\":\"s1\",\"country\":\"Iceland\"}", 0);
        stack.summary.answer("/customer/s1/invoice", 503,
                "{\"type\":\"https://weir.dev/problems/unavailable\",\"status\":503,\"detail\":\"db down\"}", 0);
        Http.Response partial = edge.get("/customer/s1/summary", "X-API-Key", key);
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.header("Weir-Partial")).isEqualTo("invoices");
        assertThat(partial.json().get("customer").get("country").asString()).isEqualTo("Iceland");
        assertThat(partial.json().get("invoices").isNull()).isTrue();
        assertThat(partial.json().get("missing").get(0).get("part").asString()).isEqualTo("invoices");
        assertThat(partial.json().get("missing").get(0).get("status").asInt()).isEqualTo(503);
    }

    @Test
    void fetchesTheSummarysPartsInParallel() {
        stack.summary.answer("/customer/s2", 200, "{\"customer_id\":\"s2\"}", 400);
        stack.summary.answer("/customer/s2/invoice", 200, "{\"id_1\":\"/invoice/1\"}", 400);
        Http.Response whole = edge.get("/customer/s2/summary", "X-API-Key", key);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Weir-Partial")).isNull();
        assertThat(whole.json().get("missing").size()).isZero();
        assertThat(whole.json().get("invoices").get("id_1").asString()).isEqualTo("/invoice/1");
        assertThat(stack.summary.mostInFlight()).as("parts answered at once").isGreaterThanOrEqualTo(2);
    }

    @Test
    void addsTheCustomersAnalyticsForACallerWhoMayReadThem() {
        stack.summary.answer("/customer/s3", 200, "{\"customer_id\":\"s3\"}", 0);
        stack.summary.answer("/customer/s3/invoice", 200, "{}", 0);
        stack.summary.answer("/analytics-of/s3", 200, "{\"orders\":7}", 0);
        Http.Response all = edge.get("/customer/s3/summary", "X-API-Key", key);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("analytics").get("orders").asInt()).isEqualTo(7);
        assertThat(all.json().get("missing").size()).isZero();
        Http.Response created = edge.post("/admin/keys",
                "{\"name\": \"summary-retail-only\", \"scopes\": [\"retail.read\"]}", "X-API-Key", key);
        String retailOnly = created.json().get("key").asString();
        Http.Response retail = edge.get("/customer/s3/summary", "X-API-Key", retailOnly);
        assertThat(retail.status()).isEqualTo(200);
        assertThat(retail.json().has("analytics")).as(retail.body()).isFalse();
        assertThat(retail.json().get("missing").size()).isZero();
        assertThat(retail.header("Weir-Partial")).isNull();
    }

    @Test
    void answersAnUnknownCustomersSummaryWith404() {
        stack.summary.answer("/customer/s404", 404,
                "{\"type\":\"https://weir.dev/problems/not-found\",\"status\":404,\"title\":\"Customer not found\"}",
                0);
        Http.Response missing = edge.get("/customer/s404/summary", "X-API-Key", key);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problem()).isEqualTo("not-found");
    }

    /** The headers of the last call with this request id (either instance took it). */
    private static com.sun.net.httpserver.Headers withRequestId(String requestId) {
        com.sun.net.httpserver.Headers first = stack.first.lastHeaders();
        return requestId.equals(first.getFirst("X-Request-Id")) ? first : stack.second.lastHeaders();
    }

    /** The instances of backend {@code name}, as the admin API shows them. */
    private static String backend(String name) {
        for (var backend : edge.get("/admin/backends", "X-API-Key", key).json()) {
            if (backend.get("name").asString().equals(name)) {
                return backend.get("instances").toString();
            }
        }
        throw new AssertionError("no backend " + name);
    }

}
