package dev.weir.ingest.pull.run;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.IngestTestInitializer;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestUpstream;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in Open-Meteo connector, its cities replaced by an override file, against
 * recorded forecast bodies: one record per city and hour.
 */
@IngestIT
class OpenMeteoIT {

    @Autowired
    ConnectorRuns runs;

    @Test
    void pullsHourlyRowsPerConfiguredCityKeyedByCityAndTime() throws IOException {
        Files.writeString(IngestTestInitializer.dataDir().resolve("connectors/open-meteo.override.yml"), """
                streams:
                  - name: hourly
                    for_each:
                      values:
                        - { name: Berlin, latitude: 52.52, longitude: 13.41 }
                        - { name: Copenhagen, latitude: 55.68, longitude: 12.57 }
                """);
        WireMockServer upstream = TestUpstream.server();
        upstream.resetAll();
        upstream.stubFor(forecast("52.52", "13.41").willReturn(body("forecast_berlin_hourly_24h.json")));
        upstream.stubFor(forecast("55.68", "12.57").willReturn(body("forecast_copenhagen_current_hourly_daily.json")));

        RunReport report = this.runs.run("open-meteo", RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().streams().get("hourly").partitions()).isEqualTo(2);
        assertThat(report.view().counts().records()).isEqualTo(24 + 168);
        List<ConsumerRecord<String, byte[]>> records = KafkaRecords.ofRun("weir.raw.open-meteo", report.runId());
        Map<String, JsonNode> byKey = records.stream()
            .collect(Collectors.toMap(ConsumerRecord::key, KafkaRecords::value));
        assertThat(byKey).hasSize(192);
        JsonNode first = byKey.get("[\"Berlin\",\"2026-03-20T00:00\"]");
        assertThat(first.get("time").asString()).isEqualTo("2026-03-20T00:00");
        assertThat(first.get("temperature_2m").decimalValue()).isEqualByComparingTo("8.9");
        assertThat(first.get("precipitation").decimalValue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(first.get("wind_speed_10m").isNumber()).isTrue();
        assertThat(first.get("city").asString()).isEqualTo("Berlin");
        assertThat(first.get("latitude").decimalValue()).isEqualByComparingTo("52.52");
        assertThat(byKey).containsKey("[\"Copenhagen\",\"2026-08-01T23:00\"]");
        assertThat(records.stream()
            .filter((r) -> r.key().equals("[\"Berlin\",\"2026-03-20T00:00\"]"))
            .map((r) -> KafkaRecords.envelope(r).time())).as("time_field: time, the hour forecast, in UTC")
            .containsExactly(java.time.Instant.parse("2026-03-20T00:00:00Z"));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder forecast(String latitude, String longitude) {
        return get(urlPathEqualTo("/v1/forecast")).withQueryParam("latitude", equalTo(latitude))
            .withQueryParam("longitude", equalTo(longitude))
            .withQueryParam("hourly", equalTo("temperature_2m,precipitation,wind_speed_10m"))
            .withQueryParam("timezone", equalTo("UTC"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder body(String file)
            throws IOException {
        // the recorded bodies bundled with testing/upstreams (see its PROVENANCE.md)
        try (InputStream in = OpenMeteoIT.class
            .getResourceAsStream("/dev/weir/testing/upstreams/data/open-meteo/" + file)) {
            return aResponse().withHeader("Content-Type", "application/json").withBody(in.readAllBytes());
        }
    }

}
