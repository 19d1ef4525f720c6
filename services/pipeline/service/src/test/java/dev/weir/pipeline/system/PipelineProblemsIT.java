package dev.weir.pipeline.system;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.pipeline.support.PipelineIT;
import dev.weir.testing.infra.RawHttp;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pipeline's admin server answers what a client gets wrong with the RFC 9457 problems
 * of {@code platform/web} (docs/problems.md), never HTML or a 500: a URI the web server
 * refuses before the API sees it, a body that is not JSON, a field of the wrong type, an
 * unknown path.
 */
@PipelineIT
class PipelineProblemsIT {

    /**
     * A header line with a token granting everything: these are the problems of a caller
     * let in.
     */
    private static final String AUTHORIZATION = "Authorization: " + TestTokens.bearer("admin");

    @LocalServerPort
    int port;

    @Test
    void answersAnAmbiguousUriWithAMalformedRequestProblem() {
        assertProblem(http().send("GET", "/dlq/%2e%2e/fhrs"), 400, "malformed-request");
        assertProblem(http().send("GET", "/reconcile/fh%00rs"), 400, "malformed-request");
    }

    @Test
    void answersABodyThatIsNotJsonWithAMalformedRequestProblem() {
        assertProblem(post("/dlq/fhrs/replay", "{\"rule\": "), 400, "malformed-request");
    }

    @Test
    void answersAFieldOfTheWrongTypeWithAValidationProblem() {
        assertProblem(post("/dlq/fhrs/replay", "{\"ids\": 7}"), 422, "validation");
    }

    @Test
    void answersAnUnknownPathAndMethodWithProblems() {
        assertProblem(http().send("GET", "/no/such/path"), 404, "not-found");
        assertProblem(http().send("DELETE", "/reconcile/fhrs"), 405, "method-not-allowed");
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
