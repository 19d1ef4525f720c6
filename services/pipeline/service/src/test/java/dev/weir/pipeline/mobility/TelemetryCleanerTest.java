package dev.weir.pipeline.mobility;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.support.Raw;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryCleanerTest {

    private final TelemetryCleaner cleaner = new TelemetryCleaner();

    @Test
    void readsAGbfsVehicleStatus() {
        var cleaned = (Cleaning.Cleaned) this.cleaner.clean(Raw.bare("weir.raw.telemetry", "v1", """
                {"bike_id": "0b7c", "last_reported": 1691742180, "lat": 52.4227, "lon": 10.7865,
                 "current_range_meters": 23000, "is_reserved": false, "is_disabled": false,
                 "vehicle_type_id": "okai_escooter"}""", Map.of("weir-event-id", "e-1")));
        assertThat(cleaned.rows().get(0).values()).containsEntry("vehicle_id", "0b7c")
            .containsEntry("reported_at", Instant.ofEpochSecond(1691742180))
            .containsEntry("range_m", 23000.0)
            .containsEntry("battery_pct", null)
            .containsEntry("event_id", "e-1")
            .containsEntry("vehicle_type", "okai_escooter");
        assertThat(cleaned.rules()).containsExactly("telemetry.no_battery");
    }

    @Test
    void deadLettersABatteryOutOfRangeAndANoFixPosition() {
        assertThat(this.cleaner.clean(Raw.bare("weir.raw.telemetry", "v1",
                "{\"vehicle_id\": \"v1\", \"lat\": 52.4, \"lon\": 10.7, \"battery_pct\": 140}", Map.of())))
            .extracting("rule")
            .isEqualTo("telemetry.battery_out_of_range");
        assertThat(this.cleaner.clean(Raw.bare("weir.raw.telemetry", "v1",
                "{\"vehicle_id\": \"v1\", \"lat\": 0, \"lon\": 0, \"battery_pct\": 40}", Map.of())))
            .extracting("rule")
            .isEqualTo("telemetry.zero_coordinates");
    }

}
