package dev.weir.cli;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's events, from the bundled hour of real trips: every one valid against
 * its built-in stream's schema (the Ingest service's own declaration), each bike's in
 * time order, a ride's start before its end, batteries within 0-100%.
 */
class FleetEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void ridesAreValidRideEventsEachStartingBeforeItEnds() throws Exception {
        FleetEvents fleet = new FleetEvents(CitiBikeDay.bundled(), false, 200);
        Schema schema = schema("rides");
        Map<String, String> started = new HashMap<>();
        int ends = 0;
        Instant previous = Instant.MIN;
        for (int i = 0; i < 3000; i++) {
            JsonNode event = JSON.readTree(fleet.next());
            assertThat(schema.validate(event)).as(event.toString()).isEmpty();
            Instant at = Instant.parse(event.get("at").asString());
            assertThat(at).as("in time order").isAfterOrEqualTo(previous);
            previous = at;
            String ride = event.get("ride_id").asString();
            if (event.get("event").asString().equals("start")) {
                assertThat(started.put(ride, event.get("bike_id").asString())).as("one start per ride").isNull();
            }
            else {
                assertThat(started).as("the end of a started ride")
                    .containsEntry(ride, event.get("bike_id").asString());
                assertThat(event.get("duration_s").asLong()).isPositive();
                ends++;
            }
        }
        assertThat(ends).isGreaterThan(100);
        assertThat(started.values().stream().distinct().count()).as("bikes used")
            .isGreaterThan(50)
            .isLessThanOrEqualTo(200);
    }

    @Test
    void telemetryIsValidAndEachBikeReportsInOrderWithABatteryWithinItsRange() throws Exception {
        FleetEvents fleet = new FleetEvents(CitiBikeDay.bundled(), true, 100);
        Schema schema = schema("telemetry");
        Map<String, List<JsonNode>> byBike = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            JsonNode event = JSON.readTree(fleet.next());
            assertThat(schema.validate(event)).as(event.toString()).isEmpty();
            byBike.computeIfAbsent(event.get("bike_id").asString(), (b) -> new ArrayList<>()).add(event);
        }
        assertThat(byBike).hasSizeGreaterThan(20);
        byBike.values().forEach((reports) -> {
            Instant previous = Instant.MIN;
            for (JsonNode report : reports) {
                Instant at = Instant.parse(report.get("reported_at").asString());
                assertThat(at).isAfterOrEqualTo(previous);
                previous = at;
                double battery = report.get("battery_pct").asDouble();
                assertThat(battery).isBetween(0.0, 100.0);
                // 450 m per percent (the battery is printed to a tenth of a percent)
                assertThat(report.get("current_range_meters").asLong()).isCloseTo(Math.round(battery * 450),
                        org.assertj.core.data.Offset.offset(25L));
            }
        });
        assertThat(byBike.values().stream().flatMap(List::stream).filter((r) -> r.get("speed_kmh").asDouble() > 0))
            .as("bikes moving between stations")
            .isNotEmpty();
    }

    private static Schema schema(String stream) throws Exception {
        try (InputStream in = FleetEventsTest.class.getClassLoader()
            .getResourceAsStream("streams/" + stream + ".yml")) {
            JsonNode declaration = YAMLMapper.builder().build().readTree(in);
            return SchemaRegistry
                .withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        (builder) -> builder
                            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
                .getSchema(declaration.get("schema"));
        }
    }

}
