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
 * E-bike rides pushed by devices ({@code weir.raw.rides}, shaped on Citi Bike trips): one
 * row per ride, duration and distance derived, impossible rides dead-lettered. Repeats
 * are the same event id (a device's retry). A trip pushed as its start and end events
 * (the push stream's shape) is one ride made from its end, and its start in
 * {@code ride_start}; the warehouse copies the start's station and position into the ride
 * whichever of the two is loaded first (migration 2).
 */
@Configuration(proxyBeanMethods = false)
class RidesDataset {

    static final Table RIDE = new Table("ride",
            List.of(Column.text("ride_id"), Column.text("vehicle_id"), Column.timestamptz("started_at"),
                    Column.timestamptz("ended_at"), Column.integer("start_date_key"), Column.smallint("start_hour"),
                    Column.integer("duration_s"), Column.float8("distance_m"), Column.text("start_station_id"),
                    Column.text("end_station_id"), Column.float8("start_lat"), Column.float8("start_lon"),
                    Column.float8("end_lat"), Column.float8("end_lon"), Column.text("user_type"),
                    Column.smallint("birth_year"), Column.text("event_id"), Column.timestamptz("received_at")),
            List.of("ride_id"), null);

    static final Table RIDE_START = new Table("ride_start",
            List.of(Column.text("ride_id"), Column.text("vehicle_id"), Column.timestamptz("started_at"),
                    Column.text("station_id"), Column.float8("lat"), Column.float8("lon"), Column.text("event_id"),
                    Column.timestamptz("received_at")),
            List.of("ride_id"), null);

    /**
     * The fastest average speed a ride may have: e-bikes and scooters stay far below it.
     */
    static final double MAX_SPEED_KMH = 60;

    static final List<Rule> RULES = List.of(
            new Rule("rides.trip_start", Action.NORMALISE,
                    "A pushed trip start (event 'start') is kept in ride_start; its station and position become "
                            + "the ride's start when its end is loaded, in either order"),
            new Rule("rides.trip_end", Action.NORMALISE,
                    "A pushed trip end (event 'end') is the ride: it ends at 'at', started duration_s before, "
                            + "distance_m as the device measured it"),
            new Rule("rides.duration_derived", Action.NORMALISE,
                    "The end is the start plus the duration when only the duration is given, the duration is "
                            + "end minus start when only the times are"),
            new Rule("rides.distance_derived", Action.NORMALISE,
                    "distance_m is the great-circle distance between the start and end coordinates"),
            new Rule("rides.no_coordinates", Action.NORMALISE,
                    "No start or end coordinates: distance_m null (the stations may still be known)"),
            new Rule("rides.unknown_birth_year", Action.NORMALISE,
                    "A birth year before 1900 (Citi Bike writes 0 for 'not given') becomes null"),
            new Rule("rides.bad_timestamp", Action.DEAD_LETTER,
                    "No start, or a start, end or duration that is not a time/number"),
            new Rule("rides.negative_duration", Action.DEAD_LETTER, "The ride ends before it starts"),
            new Rule("rides.zero_coordinates", Action.DEAD_LETTER, "A start or end at 0,0 (a device with no fix)"),
            new Rule("rides.coordinates_out_of_range", Action.DEAD_LETTER,
                    "A latitude outside -90..90 or a longitude outside -180..180"),
            new Rule("rides.impossible_speed", Action.DEAD_LETTER,
                    "An average speed above " + (int) MAX_SPEED_KMH + " km/h (e.g. 300 km in 2 minutes)"),
            new Rule("rides.unknown_event", Action.DEAD_LETTER, "A trip event that is neither 'start' nor 'end'"),
            new Rule("rides.no_ride_id", Action.DEAD_LETTER,
                    "A trip event without ride_id: its start and end could not be paired"),
            new Rule("rides.unreadable", Action.DEAD_LETTER, "The event is not a JSON object"));

    @Bean
    Dataset rides() {
        return new Dataset("rides", List.of(new SourceTopic("weir.raw.rides", 3, true)), List.of(RIDE, RIDE_START),
                RULES, Repeats.EVENT_ID, new RidesCleaner());
    }

}
