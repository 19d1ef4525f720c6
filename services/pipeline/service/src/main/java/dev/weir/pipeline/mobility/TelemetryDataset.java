package dev.weir.pipeline.mobility;

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
 * Vehicle telemetry pushed by devices ({@code weir.raw.telemetry}, shaped on GBFS
 * {@code free_bike_status}): position, battery and range per report.
 */
@Configuration(proxyBeanMethods = false)
class TelemetryDataset {

    static final Table TELEMETRY = new Table("vehicle_telemetry",
            List.of(Column.text("event_id"), Column.text("vehicle_id"), Column.timestamptz("reported_at"),
                    Column.integer("date_key"), Column.float8("lat"), Column.float8("lon"),
                    Column.float8("battery_pct"), Column.float8("range_m"), Column.bool("is_reserved"),
                    Column.bool("is_disabled"), Column.text("vehicle_type"), Column.timestamptz("received_at")),
            List.of("event_id"), null);

    static final List<Rule> RULES = List.of(
            new Rule("telemetry.no_battery", Action.NORMALISE, "No battery level: battery_pct null"),
            new Rule("telemetry.battery_fraction", Action.NORMALISE,
                    "A battery level given as a fraction (0-1, field 'battery_fraction') is turned into percent"),
            new Rule("telemetry.bad_timestamp", Action.DEAD_LETTER, "A report time that is not a time"),
            new Rule("telemetry.no_position", Action.DEAD_LETTER, "No latitude or longitude"),
            new Rule("telemetry.zero_coordinates", Action.DEAD_LETTER, "A position at 0,0 (no fix)"),
            new Rule("telemetry.coordinates_out_of_range", Action.DEAD_LETTER,
                    "A latitude outside -90..90 or a longitude outside -180..180"),
            new Rule("telemetry.battery_out_of_range", Action.DEAD_LETTER, "A battery level outside 0-100 %"),
            new Rule("telemetry.negative_range", Action.DEAD_LETTER, "A negative remaining range"),
            new Rule("telemetry.no_vehicle", Action.DEAD_LETTER, "No vehicle id (field or the event's subject)"),
            new Rule("telemetry.unreadable", Action.DEAD_LETTER, "The event is not a JSON object"));

    @Bean
    Dataset telemetry() {
        return new Dataset("telemetry", List.of(new SourceTopic("weir.raw.telemetry", 3, true)), List.of(TELEMETRY),
                RULES, Repeats.EVENT_ID, new TelemetryCleaner());
    }

}
