package dev.weir.pipeline.weather;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.support.Raw;
import dev.weir.pipeline.support.TestData;

import static org.assertj.core.api.Assertions.assertThat;

class WeatherCleanerTest {

    private final WeatherCleaner cleaner = new WeatherCleaner();

    @Test
    void turnsARecordedResponseIntoOneRowPerHourInUtc() {
        String response = new String(TestData.bytes("open-meteo/forecast_berlin_hourly_24h.json")).replaceFirst("\\{",
                "{\"city\": \"Berlin\",");
        var cleaned = (Cleaning.Cleaned) this.cleaner.clean(Raw.bare("weir.raw.open-meteo", null, response, Map.of()));
        var recorded = TestData.json("open-meteo/forecast_berlin_hourly_24h.json");
        assertThat(cleaned.rows()).hasSize(recorded.path("hourly").path("time").size());
        long offset = recorded.path("utc_offset_seconds").asLong();
        var first = cleaned.rows().get(0).values();
        assertThat(first.get("time_utc")).isEqualTo(
                Instant.parse(recorded.path("hourly").path("time").get(0).asString() + ":00Z").minusSeconds(offset));
        assertThat(first.get("temperature_c"))
            .isEqualTo(recorded.path("hourly").path("temperature_2m").get(0).asDouble());
        assertThat(cleaned.rules()).contains("weather.columns_to_rows");
    }

    @Test
    void flagsAMissingValueInsteadOfFillingIt() {
        var cleaned = (Cleaning.Cleaned) this.cleaner.clean(Raw.bare("weir.raw.open-meteo", "Berlin|x",
                "{\"city\": \"Berlin\", \"time\": \"2026-03-20T05:00\", \"temperature_2m\": null, \"precipitation\": 0.1, "
                        + "\"wind_speed_10m\": 12.5}",
                Map.of()));
        var row = cleaned.rows().get(0).values();
        assertThat(row).containsEntry("temperature_c", null)
            .containsEntry("precipitation_mm", 0.1)
            .containsEntry("time_utc", Instant.parse("2026-03-20T05:00:00Z"));
        assertThat(row.get("missing")).isEqualTo(List.of("temperature_2m"));
        assertThat(cleaned.rules()).containsExactly("weather.missing_value");
    }

    @Test
    void convertsFahrenheitAndDeadLettersAnUnknownUnit() {
        String hourly = "\"hourly\": {\"time\": [\"2026-03-20T00:00\"], \"temperature_2m\": [50.0]}";
        var converted = (Cleaning.Cleaned) this.cleaner.clean(Raw.bare("weir.raw.open-meteo", null,
                "{\"city\": \"Paris\", \"hourly_units\": {\"temperature_2m\": \"°F\"}, " + hourly + "}", Map.of()));
        assertThat(converted.rows().get(0).values()).containsEntry("temperature_c", 10.0);
        assertThat(converted.rules()).contains("weather.unit_converted");
        assertThat(this.cleaner.clean(Raw.bare("weir.raw.open-meteo", null,
                "{\"city\": \"Paris\", \"hourly_units\": {\"temperature_2m\": \"K\"}, " + hourly + "}", Map.of())))
            .extracting("rule")
            .isEqualTo("weather.unknown_unit");
    }

}
