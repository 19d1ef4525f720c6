package dev.weir.pipeline.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.pipeline.support.PipelineIT;
import dev.weir.testing.infra.OpenApiRules;
import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pipeline's admin API checks the edge's token on every call: none is a 401 problem,
 * a token without the operation's scope a 403; reads need {@code pipeline.read},
 * replaying dead letters {@code admin}.
 */
@PipelineIT
class PipelineSecurityIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aCallWithoutATokenIsAnUnauthenticatedProblem() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/dlq")).GET());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://weir.dev/problems/unauthenticated\"");
    }

    @Test
    void aTokenWithoutTheOperationsScopeIsForbidden() throws Exception {
        HttpResponse<String> read = send(
                HttpRequest.newBuilder(uri("/dlq")).header("Authorization", TestTokens.bearer("analytics.read")).GET());
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.body()).contains("\"type\":\"https://weir.dev/problems/insufficient-scope\"");

        HttpResponse<String> replay = send(HttpRequest.newBuilder(uri("/dlq/fhrs/replay"))
            .header("Authorization", TestTokens.bearer("pipeline.read"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(replay.statusCode()).as("replaying needs admin").isEqualTo(403);
    }

    @Test
    void pipelineReadGrantsTheReads() throws Exception {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(uri("/dlq")).header("Authorization", TestTokens.bearer("pipeline.read")).GET());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentSaysEveryOperationMayBeRefused() throws Exception {
        HttpResponse<String> document = send(HttpRequest.newBuilder(uri("/openapi.json")).GET());

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(OpenApiRules.violationsWhenGuarded(JsonMapper.builder().build().readTree(document.body())))
            .isEmpty();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
