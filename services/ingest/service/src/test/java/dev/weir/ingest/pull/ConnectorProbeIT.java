package dev.weir.ingest.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.ingest.support.IngestIT;
import dev.weir.testing.infra.TestTokens;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /connectors/{name}/check} and {@code GET /connectors/{name}/preview}: the
 * FHRS connector's definition tried against the recorded FHRS API (testing/upstreams),
 * one request per stream, or the first records of a stream, and nothing written: no run,
 * no checkpoint, no record on its topic.
 */
@IngestIT
class ConnectorProbeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private FhrsUpstream upstream;

    private String name;

    @BeforeEach
    void defineTheFhrsConnectorAgainstTheRecordedApi() throws Exception {
        // the bundled slice, listing only its authorities with establishments
        this.upstream = FhrsUpstream.builder().slice().pageSize(5).onlyAuthoritiesWithEstablishments(true).start();
        this.name = "probe-" + Long.toHexString(System.nanoTime());
        String yaml = builtInFhrs().replace("name: fhrs", "name: " + this.name)
            .replace("base_url: https://api.ratings.food.gov.uk", "base_url: " + this.upstream.baseUrl())
            .replace("requests_per_second: 4", "requests_per_second: 1000")
            .replace("size: 500", "size: 5")
            .replace("schedule: \"0 0 3 * * *\"", "schedule: none");
        assertThat(send("PUT", "/connectors/" + this.name, yaml).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        this.upstream.close();
    }

    @Test
    void checkMakesOneRequestPerStreamAndSaysWhatEachAnsweredWritingNothing() throws Exception {
        HttpResponse<String> response = send("POST", "/connectors/" + this.name + "/check", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode check = JSON.readTree(response.body());
        assertThat(check.path("ok").asBoolean()).as(response.body()).isTrue();
        assertThat(check.path("streams").findValuesAsString("stream")).containsExactly("authorities", "establishments",
                "business_types", "ratings");
        assertThat(check.path("streams").findValues("status")).extracting(JsonNode::asInt).containsOnly(200);
        assertThat(this.upstream.counters().requests()).as("one request per stream").isEqualTo(4);
        long authorities = this.upstream.dataSet().authoritiesWithEstablishments().size();
        assertThat(check.path("streams").get(0).path("records").asLong()).isEqualTo(authorities);
        JsonNode establishments = check.path("streams").get(1);
        assertThat(establishments.path("records").asInt()).as("a first page of 5").isEqualTo(5);
        assertThat(establishments.path("next_page").asBoolean()).isTrue();
        assertThat(establishments.path("url").asString()).contains("/Establishments?", "pageNumber=1",
                "localAuthorityId=" + this.upstream.dataSet().authoritiesWithEstablishments().get(0).id());
        assertNothingWritten();
    }

    @Test
    void previewReadsTheFirstRecordsOfAStreamAsARunWouldPublishThemWritingNothing() throws Exception {
        HttpResponse<String> response = send("GET",
                "/connectors/" + this.name + "/preview?stream=establishments&limit=7", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = JSON.readTree(response.body());
        assertThat(preview.path("problems")).as(response.body()).isEmpty();
        JsonNode records = preview.path("records");
        assertThat(records).hasSize(7);
        for (JsonNode record : records) {
            assertThat(record.path("key").asString()).isEqualTo(record.path("record").path("FHRSID").asString());
        }
        assertThat(preview.path("requests")).extracting(JsonNode::asString)
            .satisfiesExactly((url) -> assertThat(url).endsWith("/Authorities"),
                    (url) -> assertThat(url).contains("/Establishments?", "pageNumber=1"),
                    (url) -> assertThat(url).contains("/Establishments?", "pageNumber=2"));
        assertThat(this.upstream.counters().requests()).isEqualTo(3);
        assertNothingWritten();
    }

    @Test
    void previewRefusesALimitOutOfRangeAndAStreamThatDoesNotExist() throws Exception {
        for (String limit : new String[] { "0", "101" }) {
            HttpResponse<String> response = send("GET", "/connectors/" + this.name + "/preview?limit=" + limit, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(response.body()).contains("\"field\":\"limit\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        HttpResponse<String> noStream = send("GET", "/connectors/" + this.name + "/preview?stream=nope", null);
        assertThat(noStream.statusCode()).as(noStream.body()).isEqualTo(404);
        assertThat(send("POST", "/connectors/nope/check", null).statusCode()).isEqualTo(404);
        assertThat(this.upstream.counters().requests()).isZero();
    }

    private void assertNothingWritten() throws Exception {
        assertThat(JSON.readTree(send("GET", "/connectors/" + this.name + "/runs", null).body())).isEmpty();
        assertThat(JSON.readTree(send("GET", "/connectors/" + this.name + "/checkpoints", null).body())).isEmpty();
        JsonNode topics = JSON.readTree(send("GET", "/topics", null).body());
        assertThat(topics.findValuesAsString("name")).doesNotContain("weir.raw." + this.name);
    }

    private static String builtInFhrs() throws IOException {
        try (InputStream in = ConnectorProbeIT.class.getResourceAsStream("/connectors/fhrs.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> send(String method, String path, String yaml) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .header("Authorization", TestTokens.bearer("connectors.admin"));
        if (yaml != null) {
            request.header("Content-Type", "application/yaml");
        }
        return this.http.send(
                request
                    .method(method,
                            (yaml != null) ? HttpRequest.BodyPublishers.ofString(yaml)
                                    : HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
