package dev.weir.pipeline.system;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.support.PipelineIT;
import dev.weir.testing.infra.RawHttp;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pipeline's admin server answers what a client gets wrong with the RFC 9457 problems
 * of {@code platform/web} (docs/problems.md), never HTML or a 500: a URI the web server
 * refuses before the API sees it, a body that is not JSON, a field of the wrong type, an
 * unknown path; and its OpenAPI document declares each problem an operation answers.
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

    @Test
    void declaresInItsOpenApiDocumentEachProblemItsOperationsAnswer() {
        // (a URI the web server refuses, 400, is refused before any operation is chosen)
        JsonNode document = JsonMapper.builder().build().readTree(http().send("GET", "/openapi.json").body());
        assertDeclared(document, "GET /dlq/{dataset}", http().send("GET", "/dlq/nope"), 404, "not-found");
        assertDeclared(document, "GET /dlq/{dataset}", http().send("GET", "/dlq/fhrs?after=1"), 422, "validation");
        assertDeclared(document, "GET /dlq/{dataset}", http().send("GET", "/dlq/fhrs?limit=0"), 422, "validation");
        assertDeclared(document, "GET /dlq/{dataset}/{id}", http().send("GET", "/dlq/nope/0-1"), 404, "not-found");
        assertDeclared(document, "GET /dlq/{dataset}/{id}", http().send("GET", "/dlq/fhrs/0-999999"), 404, "not-found");
        RawHttp.Answer notAnId = http().send("GET", "/dlq/rides/1");
        assertDeclared(document, "GET /dlq/{dataset}/{id}", notAnId, 422, "validation");
        assertThat(notAnId.body()).contains("{\"field\":\"id\",\"in\":\"path\"");
        assertDeclared(document, "POST /dlq/{dataset}/replay", post("/dlq/nope/replay", "{}"), 404, "not-found");
        RawHttp.Answer idsNotIds = post("/dlq/fhrs/replay", "{\"ids\": [\"1\"]}");
        assertDeclared(document, "POST /dlq/{dataset}/replay", idsNotIds, 422, "validation");
        assertThat(idsNotIds.body()).contains("{\"field\":\"ids\",\"in\":\"body\"");
        assertDeclared(document, "GET /reconcile/{dataset}", http().send("GET", "/reconcile/nope"), 404, "not-found");
    }

    private RawHttp http() {
        return new RawHttp(this.port, AUTHORIZATION);
    }

    private RawHttp.Answer post(String path, String body) {
        return http().send("POST", path, "application/json", body);
    }

    /**
     * Asserts the problem, and that the document declares its status on the operation.
     */
    private static void assertDeclared(JsonNode document, String operation, RawHttp.Answer answer, int status,
            String type) {
        assertProblem(answer, status, type);
        String[] methodAndPath = operation.split(" ");
        assertThat(document.path("paths")
            .path(methodAndPath[1])
            .path(methodAndPath[0].toLowerCase(java.util.Locale.ROOT))
            .path("responses")
            .has(Integer.toString(status))).as(operation + " declares " + status).isTrue();
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://weir.dev/problems/" + type + "\"")
            .contains("\"status\":" + status);
    }

}
