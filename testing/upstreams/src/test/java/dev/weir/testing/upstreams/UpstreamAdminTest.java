package dev.weir.testing.upstreams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin endpoints a standalone upstream is driven through. */
class UpstreamAdminTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return this.client.send(HttpRequest.newBuilder(URI.create(url))
            .method(method,
                    (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reportsCountersArmsFaultsAndResets() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder().slice().start()) {
            String admin = fhrs.baseUrl() + "/__admin/weir";
            HttpResponse<String> armed = send("POST", admin + "/faults",
                    "{\"fault\":\"status\",\"status\":503,\"times\":2,\"path\":\"/Establishments\","
                            + "\"query\":{\"pageNumber\":\"2\"},\"retry_after_seconds\":3}");
            assertThat(armed.statusCode()).isEqualTo(201);
            String page2 = fhrs.baseUrl() + "/Establishments?localAuthorityId=224&pageNumber=2";
            HttpResponse<byte[]> failed = Http.fhrs(page2);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).hasValue("3");
            Http.fhrs(page2);
            Http.fhrs(page2);
            Http.fhrs(page2);
            JsonNode counters = FhrsDataSet.json.readTree(send("GET", admin + "/counters", null).body());
            assertThat(counters.path("requests").asLong()).isEqualTo(4);
            assertThat(counters.path("byStatus").path("503").asLong()).isEqualTo(2);
            assertThat(counters.path("servedMoreThanOnce").get(0).asString())
                .isEqualTo("/establishments?localauthorityid=224&pagenumber=2");
            assertThat(counters.path("perUrl")
                .path("/establishments?localauthorityid=224&pagenumber=2")
                .path("served")
                .asLong()).isEqualTo(2);
            assertThat(send("POST", admin + "/faults", "{\"fault\":\"gremlins\"}").statusCode()).isEqualTo(400);
            assertThat(send("POST", admin + "/counters/reset", null).statusCode()).isEqualTo(204);
            assertThat(fhrs.counters().requests()).isZero();
            send("POST", admin + "/faults", "{\"fault\":\"connection_reset\",\"always\":true}");
            assertThat(send("DELETE", admin + "/faults", null).statusCode()).isEqualTo(204);
            assertThat(fhrs.faults().armed()).isEmpty();
        }
    }

}
