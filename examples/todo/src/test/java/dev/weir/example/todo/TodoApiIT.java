package dev.weir.example.todo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.platform.database.DatabaseBreaker;

import static org.assertj.core.api.Assertions.assertThat;

@TodoIT
class TodoApiIT {

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void servesAnOpenApiDocumentThatSaysWhatTheServiceDoes() throws Exception {
        var served = this.http.send(java.net.http.HttpRequest
            .newBuilder(java.net.URI.create("http://localhost:" + this.port + "/openapi.json"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(dev.weir.testing.infra.OpenApiRules
            .violations(tools.jackson.databind.json.JsonMapper.builder().build().readTree(served.body()))).isEmpty();
    }

    @Test
    void asksItsDatabaseThroughTheBreakerThatAnswersAtOnceWhileTheDatabaseIsDown() {
        assertThat(this.dataSource).isInstanceOf(DatabaseBreaker.class);
        assertThat(((DatabaseBreaker) this.dataSource).isOpen()).isFalse();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void createsListsReplacesAndDeletesATodo() throws Exception {
        HttpResponse<String> created = send("POST", "/todo", "{\"title\": \"Load the warehouse\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = this.json.readTree(created.body()).get("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/todo/" + id);

        assertThat(this.json.readTree(send("GET", "/todo/" + id, null).body()).get("done").asBoolean()).isFalse();
        assertThat(send("GET", "/todo", null).body()).contains("Load the warehouse");

        HttpResponse<String> replaced = send("PUT", "/todo/" + id, "{\"title\": \"Load it all\", \"done\": true}");
        JsonNode todo = this.json.readTree(replaced.body());
        assertThat(todo.get("title").asString()).isEqualTo("Load it all");
        assertThat(todo.get("done").asBoolean()).isTrue();

        assertThat(send("DELETE", "/todo/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/todo/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void answersMissingTodosAndBlankTitlesWithProblems() throws Exception {
        HttpResponse<String> missing = send("GET", "/todo/987654", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
            .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> blank = send("POST", "/todo", "{\"title\": \"  \"}");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(this.json.readTree(blank.body()).get("errors").get(0).get("field").asString()).isEqualTo("title");
        assertThat(send("POST", "/todo", "{\"title\": \"x\", \"priority\": 1}").statusCode()).isEqualTo(422);
        assertThat(send("GET", "/health/readiness", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method,
                (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
