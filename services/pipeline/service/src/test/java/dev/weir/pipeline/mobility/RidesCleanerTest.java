package dev.weir.pipeline.mobility;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.support.Raw;

import static org.assertj.core.api.Assertions.assertThat;

class RidesCleanerTest {

    private final RidesCleaner cleaner = new RidesCleaner();

    private Cleaning clean(String json) {
        return this.cleaner.clean(Raw.event("weir.raw.rides", "01890000-0000-7000-8000-000000000001", "weir.push.rides",
                "bike-7", Instant.parse("2017-07-17T00:00:01Z"), json));
    }

    @Test
    void derivesTheEndAndTheDistanceOfACitiBikeTrip() {
        var cleaned = (Cleaning.Cleaned) clean("""
                {"start_ts": "2017-07-17 00:00:01", "duration": 96, "start_station": "3318", "end_station": "3338",
                 "start_lat": 40.767, "start_lon": -73.994, "end_lat": 40.771, "end_lon": -73.990,
                 "subscriber": true, "birth_year": 0}""");
        var row = cleaned.rows().get(0).values();
        assertThat(row).containsEntry("ended_at", Instant.parse("2017-07-17T00:01:37Z"))
            .containsEntry("duration_s", 96)
            .containsEntry("vehicle_id", "bike-7")
            .containsEntry("user_type", "subscriber")
            .containsEntry("birth_year", null)
            .containsEntry("start_station_id", "3318");
        assertThat((Double) row.get("distance_m")).isBetween(500.0, 600.0);
        assertThat(cleaned.rules()).contains("rides.duration_derived", "rides.distance_derived",
                "rides.unknown_birth_year");
    }

    @Test
    void deadLettersImpossibleRides() {
        assertThat(clean("{\"started_at\": \"2017-07-17T10:00:00Z\", \"ended_at\": \"2017-07-17T09:00:00Z\"}"))
            .extracting("rule")
            .isEqualTo("rides.negative_duration");
        assertThat(clean("{\"started_at\": \"2017-07-17T10:00:00Z\", \"duration\": 60, \"start_lat\": 0, "
                + "\"start_lon\": 0, \"end_lat\": 40.7, \"end_lon\": -74}"))
            .extracting("rule")
            .isEqualTo("rides.zero_coordinates");
        // 300 km in 2 minutes
        assertThat(clean("{\"started_at\": \"2017-07-17T10:00:00Z\", \"duration\": 120, \"start_lat\": 40.7, "
                + "\"start_lon\": -74.0, \"end_lat\": 42.3, \"end_lon\": -71.1}"))
            .extracting("rule")
            .isEqualTo("rides.impossible_speed");
        assertThat(clean("{\"duration\": 60}")).extracting("rule").isEqualTo("rides.bad_timestamp");
        assertThat(clean("[1, 2]")).extracting("rule").isEqualTo("rides.unreadable");
    }

    @Test
    void aPushedTripEndIsTheRideWithItsStartDerivedFromTheDuration() {
        // as `weir simulate rides` and the push stream's schema (streams/rides.yml) shape
        // it
        var cleaned = (Cleaning.Cleaned) clean("""
                {"ride_id": "r-1", "bike_id": "bike-7", "event": "end", "at": "2017-07-17T00:01:37Z",
                 "station_id": 3338, "lat": 40.771, "lon": -73.990, "duration_s": 96, "distance_m": 543.2,
                 "member": true, "birth_year": 1985}""");
        assertThat(cleaned.rows()).hasSize(1);
        assertThat(cleaned.rows().get(0).table()).isEqualTo(RidesDataset.RIDE);
        assertThat(cleaned.rows().get(0).values()).containsEntry("ride_id", "r-1")
            .containsEntry("vehicle_id", "bike-7")
            .containsEntry("started_at", Instant.parse("2017-07-17T00:00:01Z"))
            .containsEntry("ended_at", Instant.parse("2017-07-17T00:01:37Z"))
            .containsEntry("duration_s", 96)
            .containsEntry("distance_m", 543.2)
            .containsEntry("end_station_id", "3338")
            .containsEntry("start_station_id", null)
            .containsEntry("user_type", "subscriber")
            .containsEntry("birth_year", (short) 1985);
        assertThat(cleaned.rules()).contains("rides.trip_end", "rides.duration_derived");
    }

    @Test
    void aPushedTripStartIsKeptForItsRide() {
        var cleaned = (Cleaning.Cleaned) clean("""
                {"ride_id": "r-1", "bike_id": "bike-7", "event": "start", "at": "2017-07-17T00:00:01Z",
                 "station_id": 3318, "lat": 40.767, "lon": -73.994, "member": false}""");
        assertThat(cleaned.rows()).hasSize(1);
        assertThat(cleaned.rows().get(0).table()).isEqualTo(RidesDataset.RIDE_START);
        assertThat(cleaned.rows().get(0).values()).containsEntry("ride_id", "r-1")
            .containsEntry("started_at", Instant.parse("2017-07-17T00:00:01Z"))
            .containsEntry("station_id", "3318")
            .containsEntry("lat", 40.767)
            .containsEntry("lon", -73.994);
        assertThat(cleaned.rules()).containsExactly("rides.trip_start");
    }

    @Test
    void deadLettersImpossiblePushedTrips() {
        assertThat(clean("{\"ride_id\": \"r\", \"bike_id\": \"b\", \"event\": \"end\", "
                + "\"at\": \"2017-07-17T00:02:00Z\", \"station_id\": 1, \"duration_s\": 120, \"distance_m\": 300000}"))
            .extracting("rule")
            .isEqualTo("rides.impossible_speed");
        assertThat(clean("{\"ride_id\": \"r\", \"bike_id\": \"b\", \"event\": \"end\", "
                + "\"at\": \"2017-07-17T00:02:00Z\", \"station_id\": 1, \"lat\": 0, \"lon\": 0, \"duration_s\": 60}"))
            .extracting("rule")
            .isEqualTo("rides.zero_coordinates");
        assertThat(clean("{\"ride_id\": \"r\", \"bike_id\": \"b\", \"event\": \"end\", "
                + "\"at\": \"2017-07-17T00:02:00Z\", \"station_id\": 1}"))
            .extracting("rule")
            .isEqualTo("rides.bad_timestamp");
        assertThat(clean("{\"ride_id\": \"r\", \"bike_id\": \"b\", \"event\": \"paused\", "
                + "\"at\": \"2017-07-17T00:02:00Z\"}"))
            .extracting("rule")
            .isEqualTo("rides.unknown_event");
    }

}
