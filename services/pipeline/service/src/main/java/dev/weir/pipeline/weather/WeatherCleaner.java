package dev.weir.pipeline.weather;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Cleaner;
import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;

/** The weather rules ({@link WeatherDataset#RULES}). */
final class WeatherCleaner implements Cleaner {

    /** The variables loaded: source name, column, kind of unit. */
    private static final List<Variable> VARIABLES = List.of(new Variable("temperature_2m", "temperature_c", "temp"),
            new Variable("precipitation", "precipitation_mm", "length"),
            new Variable("wind_speed_10m", "wind_speed_kmh", "speed"),
            new Variable("relative_humidity_2m", "relative_humidity_pct", "percent"),
            new Variable("weather_code", "weather_code", "code"));

    @Override
    public Cleaning clean(RawRecord record) {
        JsonNode json = JsonValues.parse(record.data());
        if (!json.isObject()) {
            return Cleaning.reject("weather.unreadable", "the record is not a JSON object");
        }
        String city = JsonValues.text(json, "city", "name");
        if (city == null) {
            city = cityFromKey(record.key());
        }
        if (city == null) {
            return Cleaning.reject("weather.no_city", "no field 'city' and no record key");
        }
        Set<String> rules = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        JsonNode units = json.get("hourly_units");
        long offsetSeconds = (JsonValues.field(json, "utc_offset_seconds") != null)
                ? JsonValues.whole(json, "utc_offset_seconds") : 0;
        JsonNode hourly = json.get("hourly");
        try {
            if (hourly != null && hourly.isObject()) {
                rules.add("weather.columns_to_rows");
                JsonNode times = hourly.get("time");
                if (times == null || !times.isArray()) {
                    return Cleaning.reject("weather.bad_time", "hourly has no 'time' array");
                }
                for (int i = 0; i < times.size(); i++) {
                    Map<String, JsonNode> values = new LinkedHashMap<>();
                    for (Variable variable : VARIABLES) {
                        JsonNode column = hourly.get(variable.source());
                        values.put(variable.source(), (column != null && column.isArray()) ? column.get(i) : null);
                    }
                    rows.add(row(city, json, times.get(i), values, units, offsetSeconds, rules, record));
                }
            }
            else {
                Map<String, JsonNode> values = new LinkedHashMap<>();
                for (Variable variable : VARIABLES) {
                    values.put(variable.source(), json.get(variable.source()));
                }
                rows.add(row(city, json, json.get("time"), values, units, offsetSeconds, rules, record));
            }
        }
        catch (BadValue ex) {
            return Cleaning.reject(ex.rule, ex.getMessage());
        }
        return Cleaning.rows(rows, List.copyOf(rules));
    }

    private Row row(String city, JsonNode json, JsonNode time, Map<String, JsonNode> values, JsonNode units,
            long offsetSeconds, Set<String> rules, RawRecord record) {
        Instant at = time(time, offsetSeconds);
        if (offsetSeconds != 0) {
            rules.add("weather.local_time_to_utc");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("city", city);
        row.put("time_utc", at);
        row.put("date_key", JsonValues.dateKey(at.atZone(ZoneOffset.UTC).toLocalDate()));
        row.put("latitude", JsonValues.number(json, "latitude"));
        row.put("longitude", JsonValues.number(json, "longitude"));
        List<String> missing = new ArrayList<>();
        for (Variable variable : VARIABLES) {
            JsonNode node = values.get(variable.source());
            boolean present = values.containsKey(variable.source()) && node != null && !node.isNull()
                    && !node.isMissingNode();
            if (!present) {
                // a variable the request did not ask for is not "missing"; one it did,
                // and got null, is
                if (node != null || (units != null && units.has(variable.source()))) {
                    missing.add(variable.source());
                    rules.add("weather.missing_value");
                }
                row.put(variable.column(), null);
                continue;
            }
            double value = node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asString());
            String unit = (units != null) ? JsonValues.text(units, variable.source()) : null;
            double converted = convert(variable, value, unit, rules);
            if (!plausible(variable, converted)) {
                missing.add(variable.source());
                rules.add("weather.implausible_value");
                row.put(variable.column(), null);
                continue;
            }
            row.put(variable.column(), "code".equals(variable.kind()) ? (Object) (int) converted : converted);
        }
        row.put("missing", missing);
        row.put("received_at", record.timestamp());
        return new Row(WeatherDataset.HOURLY, row);
    }

    private static Instant time(JsonNode time, long offsetSeconds) {
        if (time == null || time.isNull()) {
            throw new BadValue("weather.bad_time", "no time");
        }
        try {
            if (time.isNumber()) {
                return Instant.ofEpochSecond(time.longValue());
            }
            String text = time.asString();
            Instant parsed = JsonValues.instant(text);
            boolean hasOffset = text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$");
            return hasOffset ? parsed : parsed.minusSeconds(offsetSeconds);
        }
        catch (DateTimeParseException | NumberFormatException ex) {
            throw new BadValue("weather.bad_time", "time '" + time.asString() + "' is not a time");
        }
    }

    private static double convert(Variable variable, double value, String unit, Set<String> rules) {
        if (unit == null) {
            return value;
        }
        String u = unit.strip();
        double converted = switch (variable.kind()) {
            case "temp" -> switch (u) {
                case "°C", "C", "celsius" -> value;
                case "°F", "F", "fahrenheit" -> (value - 32) * 5 / 9;
                default -> throw new BadValue("weather.unknown_unit", variable.source() + " in unit '" + u + "'");
            };
            case "speed" -> switch (u) {
                case "km/h", "kmh" -> value;
                case "m/s", "ms" -> value * 3.6;
                case "mph" -> value * 1.609344;
                case "kn", "knots" -> value * 1.852;
                default -> throw new BadValue("weather.unknown_unit", variable.source() + " in unit '" + u + "'");
            };
            case "length" -> switch (u) {
                case "mm" -> value;
                case "inch", "in" -> value * 25.4;
                default -> throw new BadValue("weather.unknown_unit", variable.source() + " in unit '" + u + "'");
            };
            default -> value;
        };
        if (converted != value) {
            rules.add("weather.unit_converted");
        }
        return converted;
    }

    private static boolean plausible(Variable variable, double value) {
        return switch (variable.kind()) {
            case "temp" -> value >= -90 && value <= 60;
            case "length", "speed" -> value >= 0;
            case "percent" -> value >= 0 && value <= 100;
            default -> true;
        };
    }

    private static String cityFromKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        int bar = key.indexOf('|');
        return (bar > 0) ? key.substring(0, bar) : null;
    }

    private record Variable(String source, String column, String kind) {
    }

    private static final class BadValue extends RuntimeException {

        private final String rule;

        BadValue(String rule, String message) {
            super(message);
            this.rule = rule;
        }

    }

}
