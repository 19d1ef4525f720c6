package dev.weir.pipeline.mobility;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Cleaner;
import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;

/**
 * The rides rules ({@link RidesDataset#RULES}). Two shapes: the push stream's trip events
 * ({@code streams/rides.yml} of the Ingest service: a trip's {@code start} and
 * {@code end}, each with {@code ride_id}, {@code bike_id}, {@code at}, the station and
 * position; the end with {@code duration_s} and {@code distance_m}), and whole trips as
 * one event (Citi Bike's names accepted: {@code start_ts}, {@code duration},
 * {@code start_station}, {@code subscriber}).
 */
final class RidesCleaner implements Cleaner {

    @Override
    public Cleaning clean(RawRecord record) {
        JsonNode json = JsonValues.parse(record.data());
        if (!json.isObject()) {
            return Cleaning.reject("rides.unreadable", "the event is not a JSON object");
        }
        String event = JsonValues.text(json, "event");
        if (event != null) {
            return tripEvent(record, json, event);
        }
        List<String> rules = new ArrayList<>();
        Instant start;
        Instant end;
        Double durationField;
        try {
            start = JsonValues.instant(json, "started_at", "start_time", "start_ts", "starttime");
            end = JsonValues.instant(json, "ended_at", "end_time", "end_ts", "stoptime");
            durationField = JsonValues.number(json, "duration_s", "duration", "tripduration");
        }
        catch (DateTimeParseException | NumberFormatException ex) {
            return Cleaning.reject("rides.bad_timestamp", "a time or duration is not readable: " + ex.getMessage());
        }
        if (start == null) {
            return Cleaning.reject("rides.bad_timestamp", "no start time");
        }
        if (end == null && durationField == null) {
            return Cleaning.reject("rides.bad_timestamp", "neither an end time nor a duration");
        }
        if (end == null || durationField == null) {
            rules.add("rides.duration_derived");
        }
        if (end == null) {
            end = start.plusMillis(Math.round(durationField * 1000));
        }
        long durationS = Duration.between(start, end).toSeconds();
        if (end.isBefore(start)) {
            return Cleaning.reject("rides.negative_duration",
                    "the ride ends (" + end + ") before it starts (" + start + ")");
        }
        Double startLat = JsonValues.number(json, "start_lat", "start_latitude", "start_station_latitude");
        Double startLon = JsonValues.number(json, "start_lon", "start_lng", "start_longitude",
                "start_station_longitude");
        Double endLat = JsonValues.number(json, "end_lat", "end_latitude", "end_station_latitude");
        Double endLon = JsonValues.number(json, "end_lon", "end_lng", "end_longitude", "end_station_longitude");
        for (String problem : new String[] { Geo.problem(startLat, startLon), Geo.problem(endLat, endLon) }) {
            if ("zero".equals(problem)) {
                return Cleaning.reject("rides.zero_coordinates", "a start or end position is 0,0");
            }
            if ("range".equals(problem)) {
                return Cleaning.reject("rides.coordinates_out_of_range", "a position is outside the earth's range: "
                        + startLat + "," + startLon + " -> " + endLat + "," + endLon);
            }
        }
        Double distance = null;
        if (startLat != null && startLon != null && endLat != null && endLon != null) {
            distance = Geo.distanceMetres(startLat, startLon, endLat, endLon);
            rules.add("rides.distance_derived");
            double hours = Math.max(durationS, 1) / 3600.0;
            double speedKmh = distance / 1000 / hours;
            if (speedKmh > RidesDataset.MAX_SPEED_KMH) {
                return Cleaning.reject("rides.impossible_speed", String.format(Locale.ROOT,
                        "%.1f km in %d s is %.0f km/h", distance / 1000, durationS, speedKmh));
            }
        }
        else {
            rules.add("rides.no_coordinates");
        }
        String eventId = record.eventId();
        String rideId = JsonValues.text(json, "ride_id", "trip_id", "id");
        if (rideId == null) {
            rideId = (eventId != null) ? eventId : record.coordinates();
        }
        ZonedDateTime startUtc = start.atZone(ZoneOffset.UTC);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ride_id", rideId);
        String vehicle = JsonValues.text(json, "vehicle_id", "bike_id", "device_id");
        row.put("vehicle_id", (vehicle != null) ? vehicle : subject(record));
        row.put("started_at", start);
        row.put("ended_at", end);
        row.put("start_date_key", JsonValues.dateKey(startUtc.toLocalDate()));
        row.put("start_hour", (short) startUtc.getHour());
        row.put("duration_s", (int) durationS);
        row.put("distance_m", distance);
        row.put("start_station_id", JsonValues.text(json, "start_station_id", "start_station"));
        row.put("end_station_id", JsonValues.text(json, "end_station_id", "end_station"));
        row.put("start_lat", startLat);
        row.put("start_lon", startLon);
        row.put("end_lat", endLat);
        row.put("end_lon", endLon);
        row.put("user_type", userType(json));
        Long birthYear = wholeOrNull(json, "birth_year");
        if (birthYear != null && birthYear < 1900) {
            rules.add("rides.unknown_birth_year");
            birthYear = null;
        }
        row.put("birth_year", (birthYear != null) ? birthYear.shortValue() : null);
        row.put("event_id", (eventId != null) ? eventId : record.coordinates());
        row.put("received_at", record.timestamp());
        return Cleaning.rows(List.of(new Row(RidesDataset.RIDE, row)), rules);
    }

    /**
     * A trip's start or end as the push endpoint accepts it: the end is the ride (its
     * start is the end less the duration); the start is kept in {@code ride_start}, from
     * which the warehouse fills the ride's start station and position, whichever arrives
     * first.
     */
    private static Cleaning tripEvent(RawRecord record, JsonNode json, String event) {
        if (!event.equals("start") && !event.equals("end")) {
            return Cleaning.reject("rides.unknown_event", "event is '" + event + "', not start or end");
        }
        String rideId = JsonValues.text(json, "ride_id");
        if (rideId == null) {
            return Cleaning.reject("rides.no_ride_id", "a trip " + event + " without ride_id");
        }
        Instant at;
        Long durationField;
        Double distance;
        try {
            at = JsonValues.instant(json, "at");
            durationField = JsonValues.whole(json, "duration_s");
            distance = JsonValues.number(json, "distance_m");
        }
        catch (DateTimeParseException | NumberFormatException | ArithmeticException ex) {
            return Cleaning.reject("rides.bad_timestamp", "a time or number is not readable: " + ex.getMessage());
        }
        if (at == null) {
            return Cleaning.reject("rides.bad_timestamp", "no 'at'");
        }
        Double lat = JsonValues.number(json, "lat");
        Double lon = JsonValues.number(json, "lon");
        String problem = Geo.problem(lat, lon);
        if ("zero".equals(problem)) {
            return Cleaning.reject("rides.zero_coordinates", "the trip's " + event + " is at 0,0");
        }
        if ("range".equals(problem)) {
            return Cleaning.reject("rides.coordinates_out_of_range",
                    "the trip's " + event + " is outside the earth's range: " + lat + "," + lon);
        }
        String vehicle = JsonValues.text(json, "bike_id", "vehicle_id");
        String eventId = record.eventId();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ride_id", rideId);
        row.put("vehicle_id", (vehicle != null) ? vehicle : subject(record));
        if (event.equals("start")) {
            row.put("started_at", at);
            row.put("station_id", JsonValues.text(json, "station_id"));
            row.put("lat", lat);
            row.put("lon", lon);
            row.put("event_id", (eventId != null) ? eventId : record.coordinates());
            row.put("received_at", record.timestamp());
            return Cleaning.rows(List.of(new Row(RidesDataset.RIDE_START, row)), List.of("rides.trip_start"));
        }
        if (durationField == null) {
            return Cleaning.reject("rides.bad_timestamp", "a trip end without duration_s");
        }
        if (durationField < 0) {
            return Cleaning.reject("rides.negative_duration", "duration_s is " + durationField);
        }
        if (distance != null && distance / 1000 / (Math.max(durationField, 1) / 3600.0) > RidesDataset.MAX_SPEED_KMH) {
            return Cleaning.reject("rides.impossible_speed", String.format(Locale.ROOT, "%.1f km in %d s is %.0f km/h",
                    distance / 1000, durationField, distance / 1000 / (Math.max(durationField, 1) / 3600.0)));
        }
        Instant start = at.minusSeconds(durationField);
        ZonedDateTime startUtc = start.atZone(ZoneOffset.UTC);
        row.put("started_at", start);
        row.put("ended_at", at);
        row.put("start_date_key", JsonValues.dateKey(startUtc.toLocalDate()));
        row.put("start_hour", (short) startUtc.getHour());
        row.put("duration_s", durationField.intValue());
        row.put("distance_m", distance);
        row.put("start_station_id", null);
        row.put("end_station_id", JsonValues.text(json, "station_id"));
        row.put("start_lat", null);
        row.put("start_lon", null);
        row.put("end_lat", lat);
        row.put("end_lon", lon);
        row.put("user_type", userType(json));
        Long birthYear = wholeOrNull(json, "birth_year");
        List<String> rules = new ArrayList<>(List.of("rides.trip_end", "rides.duration_derived"));
        if (birthYear != null && birthYear < 1900) {
            rules.add("rides.unknown_birth_year");
            birthYear = null;
        }
        row.put("birth_year", (birthYear != null) ? birthYear.shortValue() : null);
        row.put("event_id", (eventId != null) ? eventId : record.coordinates());
        row.put("received_at", record.timestamp());
        return Cleaning.rows(List.of(new Row(RidesDataset.RIDE, row)), rules);
    }

    private static String userType(JsonNode json) {
        String type = JsonValues.text(json, "user_type", "usertype");
        if (type != null) {
            return type.toLowerCase(Locale.ROOT);
        }
        try {
            Boolean subscriber = JsonValues.bool(json, "subscriber", "member");
            return (subscriber == null) ? null : (subscriber ? "subscriber" : "customer");
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Long wholeOrNull(JsonNode json, String name) {
        try {
            return JsonValues.whole(json, name);
        }
        catch (NumberFormatException | ArithmeticException ex) {
            return null;
        }
    }

    static String subject(RawRecord record) {
        if (record.envelope() != null && record.envelope().subject() != null) {
            return record.envelope().subject();
        }
        return record.key();
    }

}
