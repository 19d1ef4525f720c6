package dev.weir.analytics.rides;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.analytics.support.Sources;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The rides and fleet endpoints on a full day of Citi Bike trips (62,555) and the TIER
 * telemetry snapshots (65,593 vehicle records), against figures computed here.
 */
@AnalyticsIT
class RidesAnalyticsIT {

    @LocalServerPort
    int port;

    Http http;

    List<Sources.Trip> trips;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port, "analytics.read");
        this.trips = LoadedWarehouse.get().trips;
    }

    @Test
    void tripsPerHourCountTheTripsStartedInEachUtcHour() {
        Map<String, Long> expected = new TreeMap<>(this.trips.stream()
            .collect(Collectors.groupingBy(
                    (t) -> LocalDateTime.ofInstant(t.startedAt(), ZoneOffset.UTC).toString().substring(0, 13),
                    Collectors.counting())));
        JsonNode body = this.http.get("/rides/hourly").json();
        assertThat(body.get("trips").asLong()).isEqualTo(62_555);
        Map<String, Long> actual = new TreeMap<>();
        body.get("hours")
            .forEach((h) -> actual.put(h.get("date").asString() + "T" + String.format("%02d", h.get("hour").asInt()),
                    h.get("trips").asLong()));
        assertThat(actual).isEqualTo(expected);
        JsonNode oneDay = this.http.get("/rides/hourly?from=2017-07-18&to=2017-07-18").json();
        assertThat(oneDay.get("trips").asLong()).isEqualTo(expected.entrySet()
            .stream()
            .filter((e) -> e.getKey().startsWith("2017-07-18"))
            .mapToLong(Map.Entry::getValue)
            .sum());
    }

    @Test
    void theBusiestStationsAreThoseWithTheMostStartsAndEnds() {
        Map<String, long[]> counts = new HashMap<>();
        for (Sources.Trip t : this.trips) {
            counts.computeIfAbsent(t.startStation(), (s) -> new long[2])[0]++;
            counts.computeIfAbsent(t.endStation(), (s) -> new long[2])[1]++;
        }
        List<String> expected = counts.entrySet()
            .stream()
            .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
                .thenComparing(Map.Entry::getKey))
            .limit(12)
            .map(Map.Entry::getKey)
            .toList();
        List<JsonNode> stations = new ArrayList<>();
        String next = "/rides/stations/busiest?limit=4";
        for (int page = 0; page < 3; page++) {
            JsonNode body = this.http.get(next.replaceFirst("^http://[^/]+", "")).json();
            body.get("items").forEach(stations::add);
            next = body.get("next").asString();
        }
        assertThat(stations.stream().map((s) -> s.get("station_id").asString())).containsExactlyElementsOf(expected);
        JsonNode first = stations.get(0);
        assertThat(first.get("starts").asLong()).isEqualTo(counts.get(expected.get(0))[0]);
        assertThat(first.get("ends").asLong()).isEqualTo(counts.get(expected.get(0))[1]);
        assertThat(first.get("latitude").isNumber()).isTrue();
    }

    @Test
    void medianDurationIsExactAndMedianDistanceExactToItsTenMetreBucket() {
        List<Integer> durations = this.trips.stream().map(Sources.Trip::durationS).sorted().toList();
        List<Long> buckets = this.trips.stream()
            .map(Sources.Trip::distanceM)
            .filter(java.util.Objects::nonNull)
            .map((d) -> Math.round(d / 10) * 10)
            .sorted()
            .toList();
        JsonNode summary = this.http.get("/rides/summary").json();
        assertThat(summary.get("trips").asLong()).isEqualTo(this.trips.size());
        assertThat(summary.get("median_duration_s").asDouble()).isEqualTo(median(durations));
        assertThat(summary.get("mean_duration_s").asDouble())
            .isCloseTo(durations.stream().mapToLong(Integer::longValue).average().orElseThrow(), within(1e-6));
        assertThat(summary.get("trips_with_distance").asLong()).isEqualTo(buckets.size());
        assertThat(summary.get("median_distance_m").asDouble()).isEqualTo(median(buckets));
        JsonNode none = this.http.get("/rides/summary?from=2020-01-01").json();
        assertThat(none.get("trips").asLong()).isZero();
        assertThat(none.get("median_duration_s").isNull()).isTrue();
    }

    @Test
    void theFleetIsEachVehiclesLatestReport() {
        Map<String, Sources.Report> latest = new HashMap<>();
        for (Sources.Report r : LoadedWarehouse.get().telemetry) {
            latest.merge(r.vehicleId(), r, (a, b) -> b.reportedAt().isAfter(a.reportedAt()) ? b : a);
        }
        JsonNode fleet = this.http.get("/fleet/battery").json();
        assertThat(fleet.get("vehicles").asLong()).isEqualTo(latest.size());
        assertThat(fleet.get("disabled").asLong())
            .isEqualTo(latest.values().stream().filter(Sources.Report::disabled).count());
        assertThat(fleet.get("reserved").asLong())
            .isEqualTo(latest.values().stream().filter(Sources.Report::reserved).count());
        List<Double> ranges = latest.values().stream().map(Sources.Report::rangeM).sorted().toList();
        assertThat(fleet.get("median_range_m").asDouble()).isEqualTo(percentileCont(ranges));
        long bucketed = 0;
        for (JsonNode bucket : fleet.get("range_km")) {
            double lower = bucket.get("lower").asDouble();
            long expected = ranges.stream().filter((r) -> r / 1000 >= lower && r / 1000 < lower + 5).count();
            assertThat(bucket.get("vehicles").asLong()).as("range %s km", lower).isEqualTo(expected);
            bucketed += expected;
        }
        assertThat(bucketed).isEqualTo(latest.size());
        assertThat(fleet.get("with_battery").asLong()).isZero();
    }

    private static double median(List<? extends Number> sorted) {
        int n = sorted.size();
        return (sorted.get((n + 1) / 2 - 1).doubleValue() + sorted.get(n / 2).doubleValue()) / 2;
    }

    private static double percentileCont(List<Double> sorted) {
        double position = 0.5 * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        double fraction = position - lower;
        return sorted.get(lower)
                + ((lower + 1 < sorted.size()) ? fraction * (sorted.get(lower + 1) - sorted.get(lower)) : 0);
    }

}
