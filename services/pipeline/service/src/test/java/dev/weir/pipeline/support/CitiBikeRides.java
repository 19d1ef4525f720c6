package dev.weir.pipeline.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Ride events made from a real day of Citi Bike trips (2017-07-17), shaped as devices
 * push them: the trip's start, duration and stations, the stations' coordinates, a
 * vehicle id.
 */
public final class CitiBikeRides {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CitiBikeRides() {
    }

    /** A ride event: its id, device, start time and JSON. */
    public record Ride(String id, String vehicle, Instant start, byte[] json, Map<String, Object> fields) {
    }

    /** The first {@code count} trips of the day as ride events. */
    public static List<Ride> first(int count) {
        Map<String, double[]> stations = new HashMap<>();
        for (String line : TestData.lines("citibike/stations.csv")
            .subList(1, TestData.lines("citibike/stations.csv").size())) {
            String[] cells = line.split(",", 4);
            stations.put(cells[0], new double[] { Double.parseDouble(cells[1]), Double.parseDouble(cells[2]) });
        }
        List<String> trips = TestData.lines("citibike/trips-2017-07-17.csv.gz");
        List<Ride> rides = new ArrayList<>(count);
        for (int i = 1; i <= count && i < trips.size(); i++) {
            String[] cells = trips.get(i).split(",");
            Map<String, Object> ride = new LinkedHashMap<>();
            String id = "citibike-20170717-" + i;
            String vehicle = "bike-" + (i % 500);
            ride.put("ride_id", id);
            ride.put("vehicle_id", vehicle);
            ride.put("start_time", cells[0]);
            ride.put("duration", Integer.parseInt(cells[1]));
            ride.put("start_station_id", cells[2]);
            ride.put("end_station_id", cells[3]);
            double[] from = stations.get(cells[2]);
            double[] to = stations.get(cells[3]);
            if (from != null && to != null) {
                ride.put("start_lat", from[0]);
                ride.put("start_lon", from[1]);
                ride.put("end_lat", to[0]);
                ride.put("end_lon", to[1]);
            }
            ride.put("subscriber", cells[4].equals("1"));
            ride.put("birth_year", Integer.parseInt(cells[5]));
            rides.add(new Ride(id, vehicle, Instant.parse(cells[0].replace(' ', 'T') + "Z"),
                    JSON.writeValueAsString(ride).getBytes(StandardCharsets.UTF_8), ride));
        }
        return rides;
    }

}
