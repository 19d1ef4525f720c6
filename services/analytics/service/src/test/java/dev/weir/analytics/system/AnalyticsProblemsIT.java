package dev.weir.analytics.system;

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
 * sees it, a malformed query, a bad parameter, a body sent to a read-only API, an unknown
 * path.
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

    private static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://weir.dev/problems/" + type + "\"")
            .contains("\"status\":" + status);
    }

}
