package dev.weir.analytics.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.testing.infra.RawHttp;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Analytics server (its kept-answers handler in front of Spring MVC included) answers
 * what a client gets wrong with the RFC 9457 problems of {@code platform/web}
 * (docs/problems.md), never HTML or a 500: a URI the web server refuses before the API
 * sees it, a malformed query, a bad parameter (a list position it did not make included),
 * a body sent to a read-only API, an unknown path.
 */
@AnalyticsIT
class AnalyticsProblemsIT {

    /**
     * A header line with a token granting everything: these are the problems of a caller
     * let in.
     */
    private static final String AUTHORIZATION = "Authorization: " + TestTokens.bearer("admin");

    @LocalServerPort
    int port;

    @Test
    void answersAnAmbiguousUriWithAMalformedRequestProblem() {
        assertProblem(http().send("GET", "/retail/%2e%2e/revenue/monthly"), 400, "malformed-request");
        assertProblem(http().send("GET", "/retail/customers/17%00850"), 400, "malformed-request");
        assertProblem(http().send("GET", "/retail/revenue/monthly?from=%zz"), 400, "malformed-request");
    }

    @Test
    void answersABadParameterWithAValidationProblemNamingIt() {
        RawHttp.Answer answer = http().send("GET", "/retail/revenue/monthly?from=2011-05&to=2011-01");
        assertProblem(answer, 422, "validation");
        assertThat(answer.body()).contains("\"to\"");
    }

    @Test
    void answersAPositionNoPageCouldHaveEndedAtWithAValidationProblemOnEveryList() {
        // Each list with positions its own pages never end at: text holding NUL (which
        // PostgreSQL refuses), bytes that are not UTF-8, a number beyond any it keeps;
        // the first tokens are those an outside fuzzer sent.
        byte[] notUtf8 = { 'N', 'e', 'w', (byte) 0xff };
        Map<String, List<String>> lists = Map.of("/fhrs/ratings/authorities?limit=2",
                List.of("AB", token("Newham\u0000"), token(notUtf8)), "/fhrs/authorities/low-ratings?limit=2",
                List.of("MC4wHwAfMA", token("0.5\u001fNewham\u0000\u001f1")), "/retail/products/top?limit=2",
                List.of("MC4wHwAfMA", token("1.0\u001f\u0000\u001f1"), token("1E+999999999\u001f85123A\u001f1")),
                "/rides/stations/busiest?limit=2", List.of("MC4wHwAfMA", token("10\u001f\u0000\u001f1")),
                "/fhrs/establishments/near?lat=51.54&lon=0.02&limit=2", List.of(token("10.0\u001f\u0000")),
                "/weather/hourly?city=Copenhagen&limit=2", List.of("AB", token("2024-01-01T00:00Z\u0000")));
        lists.forEach((list, positions) -> {
            for (String after : positions) {
                RawHttp.Answer answer = http().send("GET", list + "&after=" + after);
                assertProblem(answer, 422, "validation");
                assertThat(answer.body()).as(list + "&after=" + after)
                    .contains("\"field\":\"after\"")
                    .contains("is not a position of this list");
            }
        });
    }

    @Test
    void answersABodySentToTheReadOnlyApiAndAnUnknownPathWithProblems() {
        assertProblem(post("/retail/revenue/monthly", "{\"from\": "), 405, "method-not-allowed");
        assertProblem(http().send("GET", "/no/such/path"), 404, "not-found");
    }

    private RawHttp http() {
        return new RawHttp(this.port, AUTHORIZATION);
    }

    private RawHttp.Answer post(String path, String body) {
        return http().send("POST", path, "application/json", body);
    }

    private static String token(String text) {
        return token(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://weir.dev/problems/" + type + "\"")
            .contains("\"status\":" + status);
    }

}
