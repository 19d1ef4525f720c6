package dev.weir.pipeline.weather;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.Dataset.Repeats;
import dev.weir.pipeline.spi.Dataset.SourceTopic;
import dev.weir.pipeline.spi.Rule;
import dev.weir.pipeline.spi.Rule.Action;
import dev.weir.pipeline.spi.Table;

/**
 * Hourly weather pulled by the {@code open-meteo} connector
 * ({@code weir.raw.open-meteo}): one row per city and hour, in UTC, units in the column
 * names.
 */
@Configuration(proxyBeanMethods = false)
class WeatherDataset {

    static final Table HOURLY = new Table("weather_hourly",
            List.of(Column.text("city"), Column.timestamptz("time_utc"), Column.integer("date_key"),
                    Column.float8("latitude"), Column.float8("longitude"), Column.float8("temperature_c"),
                    Column.float8("precipitation_mm"), Column.float8("wind_speed_kmh"),
                    Column.float8("relative_humidity_pct"), Column.integer("weather_code"), Column.textArray("missing"),
                    Column.timestamptz("received_at")),
            List.of("city", "time_utc"), null);

    static final List<Rule> RULES = List.of(
            new Rule("weather.columns_to_rows", Action.NORMALISE,
                    "A whole API response (hourly arrays) becomes one row per hour; records the connector already "
                            + "turned into rows pass as they are"),
            new Rule("weather.local_time_to_utc", Action.NORMALISE,
                    "Times given in a local zone (utc_offset_seconds not 0) are converted to UTC; times without "
                            + "an offset are UTC (the connector asks for timezone=UTC)"),
            new Rule("weather.unit_converted", Action.NORMALISE,
                    "Temperatures in °F, wind in m/s, mph or knots, precipitation in inches are converted to °C, "
                            + "km/h and mm"),
            new Rule("weather.missing_value", Action.NORMALISE,
                    "A variable the source left null stays null and is named in the row's 'missing' column: "
                            + "flagged, never filled (an interpolated temperature would distort daily min/max)"),
            new Rule("weather.implausible_value", Action.NORMALISE,
                    "A value outside physical bounds (temperature below -90 or above 60 °C, negative "
                            + "precipitation or wind, humidity outside 0-100) is treated as missing and flagged"),
            new Rule("weather.no_city", Action.DEAD_LETTER, "No city name (field 'city' or the record key)"),
            new Rule("weather.bad_time", Action.DEAD_LETTER, "No time, or one that is not a time"),
            new Rule("weather.unknown_unit", Action.DEAD_LETTER, "A unit the pipeline cannot convert"),
            new Rule("weather.unreadable", Action.DEAD_LETTER, "The record is not a JSON object"));

    @Bean
    Dataset weather() {
        return new Dataset("open-meteo", List.of(new SourceTopic("weir.raw.open-meteo", 3, true)), List.of(HOURLY),
                RULES, Repeats.CONTENT, new WeatherCleaner());
    }

}
