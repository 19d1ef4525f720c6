package dev.weir.pipeline.mobility;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Cleaner;
import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;

/**
 * The telemetry rules ({@link TelemetryDataset#RULES}). GBFS names are accepted too
 * ({@code bike_id}, {@code last_reported}, {@code current_range_meters}).
 */
final class TelemetryCleaner implements Cleaner {

    @Override
    public Cleaning clean(RawRecord record) {
        JsonNode json = JsonValues.parse(record.data());
        if (!json.isObject()) {
            return Cleaning.reject("telemetry.unreadable", "the event is not a JSON object");
        }
        List<String> rules = new ArrayList<>();
        String vehicle = JsonValues.text(json, "vehicle_id", "bike_id", "device_id");
        if (vehicle == null) {
            vehicle = RidesCleaner.subject(record);
        }
        if (vehicle == null) {
            return Cleaning.reject("telemetry.no_vehicle", "no vehicle_id and no subject");
        }
        Instant reported;
        try {
            reported = JsonValues.instant(json, "reported_at", "last_reported", "time", "timestamp");
        }
        catch (DateTimeParseException | NumberFormatException ex) {
            return Cleaning.reject("telemetry.bad_timestamp", "the report time is not readable: " + ex.getMessage());
        }
        if (reported == null) {
            reported = record.eventTime();
        }
        Double lat = JsonValues.number(json, "lat", "latitude");
        Double lon = JsonValues.number(json, "lon", "lng", "longitude");
        if (lat == null || lon == null) {
            return Cleaning.reject("telemetry.no_position", "no lat/lon");
        }
        String problem = Geo.problem(lat, lon);
        if ("zero".equals(problem)) {
            return Cleaning.reject("telemetry.zero_coordinates", "the position is 0,0");
        }
        if ("range".equals(problem)) {
            return Cleaning.reject("telemetry.coordinates_out_of_range", "position " + lat + "," + lon);
        }
        Double battery = JsonValues.number(json, "battery_pct", "battery_percent", "battery_level", "battery");
        if (battery == null) {
            Double fraction = JsonValues.number(json, "battery_fraction", "current_fuel_percent");
            if (fraction != null) {
                battery = fraction * 100;
                rules.add("telemetry.battery_fraction");
            }
        }
        if (battery == null) {
            rules.add("telemetry.no_battery");
        }
        else if (battery < 0 || battery > 100) {
            return Cleaning.reject("telemetry.battery_out_of_range", "battery " + battery + " %");
        }
        Double range = JsonValues.number(json, "range_m", "current_range_meters");
        if (range != null && range < 0) {
            return Cleaning.reject("telemetry.negative_range", "range " + range + " m");
        }
        String eventId = record.eventId();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", (eventId != null) ? eventId : record.coordinates());
        row.put("vehicle_id", vehicle);
        row.put("reported_at", reported);
        row.put("date_key", JsonValues.dateKey(reported.atZone(ZoneOffset.UTC).toLocalDate()));
        row.put("lat", lat);
        row.put("lon", lon);
        row.put("battery_pct", battery);
        row.put("range_m", range);
        row.put("is_reserved", flag(json, "is_reserved"));
        row.put("is_disabled", flag(json, "is_disabled"));
        row.put("vehicle_type", JsonValues.text(json, "vehicle_type", "vehicle_type_id"));
        row.put("received_at", record.timestamp());
        return Cleaning.rows(List.of(new Row(TelemetryDataset.TELEMETRY, row)), rules);
    }

    private static Boolean flag(JsonNode json, String name) {
        try {
            return JsonValues.bool(json, name);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
