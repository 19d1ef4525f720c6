package dev.weir.analytics.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real sample data sets read as plain Java records, straight from the source files:
 * what the tests load into the warehouse and what they compute their expected figures
 * from (with plain Java, never with the service's SQL).
 */
public final class Sources {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DateTimeFormatter RETAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Stock codes that are not products (postage, fees, discounts, ...), as the Retail
     * service classifies them.
     */
    private static final Set<String> NOT_PRODUCTS = Set.of("POST", "DOT", "M", "C2", "BANK CHARGES", "AMAZONFEE", "S",
            "D", "CRUK", "PADS", "B", "m", "ADJUST", "ADJUST2", "TEST001", "TEST002");

    private Sources() {
    }

    // -- Online Retail
    // ------------------------------------------------------------------------------

    /**
     * One line of the Online Retail file, exact repeats of an earlier line left out (as
     * the Retail importer does: 541,909 lines, 536,641 kept).
     */
    public record RetailLine(String invoiceNo, int lineNo, String stockCode, String description, int quantity,
            BigDecimal unitPrice, LocalDateTime invoiceDate, String customerId, String country) {

        public BigDecimal amount() {
            return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
        }

        /** sale, cancellation (C...) or adjustment (A...). */
        public String kind() {
            return kindOf(this.invoiceNo);
        }

    }

    public static String kindOf(String invoiceNo) {
        if (invoiceNo.startsWith("C")) {
            return "cancellation";
        }
        if (invoiceNo.startsWith("A")) {
            return "adjustment";
        }
        return "sale";
    }

    public static boolean isProduct(String stockCode) {
        return !NOT_PRODUCTS.contains(stockCode) && !stockCode.startsWith("gift_");
    }

    /**
     * The first {@code rows} source lines (all of them with {@code Integer.MAX_VALUE}).
     */
    public static List<RetailLine> retail(Path csv, int rows) {
        List<RetailLine> lines = new ArrayList<>();
        int read = 0;
        Set<String> seen = new HashSet<>();
        Map<String, Integer> lineNos = new HashMap<>();
        try (BufferedReader reader = reader(csv)) {
            reader.readLine();
            for (String text = reader.readLine(); text != null && read < rows; text = reader.readLine()) {
                read++;
                if (!seen.add(text)) {
                    continue; // an exact repeat
                }
                List<String> f = csv(text);
                String customer = f.get(6).isEmpty() ? null : f.get(6).replaceAll("\\.0$", "");
                String invoice = f.get(0);
                int lineNo = lineNos.merge(invoice, 1, Integer::sum);
                lines.add(new RetailLine(invoice, lineNo, f.get(1), f.get(2).isEmpty() ? null : f.get(2),
                        Integer.parseInt(f.get(3)), new BigDecimal(f.get(5)),
                        LocalDateTime.parse(f.get(4), RETAIL_TIME), customer, f.get(7)));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /** One CSV record (RFC 4180 quoting, no line breaks inside fields). */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    }
                    else {
                        quoted = false;
                    }
                }
                else {
                    field.append(c);
                }
            }
            else if (c == '"') {
                quoted = true;
            }
            else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    // -- FHRS
    // ----------------------------------------------------------------------------------------

    /**
     * An establishment; for a FHRSID the file holds twice, the later one (the loader's
     * last version wins).
     */
    public record Establishment(long fhrsId, String businessName, String businessType, Integer businessTypeId,
            String[] address, String postcode, String scheme, String ratingValue, String ratingStatus,
            Integer ratingScore, String ratingDate, String authorityCode, String authorityName, Integer hygiene,
            Integer structural, Integer confidence, Double longitude, Double latitude, Boolean newRatingPending) {

        /** What the analytics API calls the rating: the score, or the kind of value. */
        public String label() {
            return (this.ratingScore != null) ? this.ratingScore.toString() : this.ratingStatus;
        }

    }

    public static List<Establishment> establishments(Path gz) {
        Map<Long, Establishment> byId = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            for (JsonNode e : JSON.readTree(in)) {
                String value = e.path("RatingValue").asString();
                String status = status(value);
                Integer score = status.equals("rated") ? Integer.valueOf(value) : null;
                JsonNode geo = e.path("geocode");
                String date = text(e, "RatingDate");
                String[] address = { text(e, "AddressLine1"), text(e, "AddressLine2"), text(e, "AddressLine3"),
                        text(e, "AddressLine4") };
                long id = e.path("FHRSID").asLong();
                byId.remove(id);
                byId.put(id,
                        new Establishment(id, text(e, "BusinessName"), text(e, "BusinessType"),
                                e.hasNonNull("BusinessTypeID") ? e.path("BusinessTypeID").asInt() : null, address,
                                text(e, "PostCode"), text(e, "SchemeType"), value, status, score,
                                (date != null && !date.startsWith("1900")) ? date.substring(0, 10) : null,
                                text(e, "LocalAuthorityCode"), text(e, "LocalAuthorityName"), score(e, "Hygiene"),
                                score(e, "Structural"), score(e, "ConfidenceInManagement"),
                                number(geo.path("longitude")), number(geo.path("latitude")),
                                e.hasNonNull("NewRatingPending") ? e.path("NewRatingPending").asBoolean() : null));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return List.copyOf(byId.values());
    }

    static String status(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (v) {
            case "0", "1", "2", "3", "4", "5" -> "rated";
            case "exempt" -> "exempt";
            case "awaitinginspection" -> "awaiting_inspection";
            case "awaitingpublication" -> "awaiting_publication";
            case "pass" -> "pass";
            case "passandeatsafe" -> "pass_eat_safe";
            case "improvementrequired" -> "improvement_required";
            default -> "other";
        };
    }

    private static Integer score(JsonNode e, String name) {
        JsonNode s = e.path("scores").path(name);
        return (s.isNumber()) ? s.asInt() : null;
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isString() && !node.asString().isBlank()) {
            return Double.valueOf(node.asString());
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return (value.isNull() || value.isMissingNode() || value.asString().isEmpty()) ? null : value.asString();
    }

    // -- Open-Meteo
    // ----------------------------------------------------------------------------------

    public record WeatherHour(String city, Instant time, double latitude, double longitude, Double temperatureC,
            Double precipitationMm, Double windSpeedKmh, Double relativeHumidityPct, Integer weatherCode) {
    }

    /** The hours of an Open-Meteo response, at UTC (the response's times are local). */
    public static List<WeatherHour> weather(String city, Path json) {
        try {
            JsonNode root = JSON.readTree(json.toFile());
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(root.path("utc_offset_seconds").asInt());
            JsonNode hourly = root.path("hourly");
            List<WeatherHour> hours = new ArrayList<>();
            for (int i = 0; i < hourly.path("time").size(); i++) {
                Instant time = LocalDateTime.parse(hourly.path("time").get(i).asString()).toInstant(offset);
                hours.add(new WeatherHour(city, time, root.path("latitude").asDouble(),
                        root.path("longitude").asDouble(), at(hourly, "temperature_2m", i),
                        at(hourly, "precipitation", i), at(hourly, "wind_speed_10m", i),
                        at(hourly, "relative_humidity_2m", i),
                        (at(hourly, "weather_code", i) != null) ? at(hourly, "weather_code", i).intValue() : null));
            }
            return hours;
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("Could not read " + json, ex);
        }
    }

    private static Double at(JsonNode hourly, String name, int i) {
        JsonNode values = hourly.path(name);
        return (values.isArray() && values.get(i) != null && values.get(i).isNumber()) ? values.get(i).asDouble()
                : null;
    }

    // -- Citi Bike
    // -----------------------------------------------------------------------------------

    public record Trip(String rideId, Instant startedAt, int durationS, String startStation, String endStation,
            Double startLat, Double startLon, Double endLat, Double endLon, String userType, Integer birthYear) {

        public Instant endedAt() {
            return this.startedAt.plusSeconds(this.durationS);
        }

        /** Great-circle distance between the stations, or null without both positions. */
        public Double distanceM() {
            if (this.startLat == null || this.endLat == null) {
                return null;
            }
            return haversine(this.startLat, this.startLon, this.endLat, this.endLon);
        }

    }

    /** Citi Bike trips; start times are New York local time. */
    public static List<Trip> trips(Path tripsGz, Path stationsCsv) {
        Map<String, double[]> stations = new HashMap<>();
        try (BufferedReader reader = reader(stationsCsv)) {
            reader.readLine();
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                List<String> f = csv(text);
                stations.put(f.get(0), new double[] { Double.parseDouble(f.get(1)), Double.parseDouble(f.get(2)) });
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        ZoneId newYork = ZoneId.of("America/New_York");
        List<Trip> trips = new ArrayList<>();
        try (BufferedReader reader = reader(tripsGz)) {
            reader.readLine();
            int n = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                List<String> f = csv(text);
                n++;
                double[] start = stations.get(f.get(2));
                double[] end = stations.get(f.get(3));
                int birth = Integer.parseInt(f.get(5));
                trips.add(new Trip("citibike-2017-07-17-" + n,
                        LocalDateTime.parse(f.get(0), RETAIL_TIME).atZone(newYork).toInstant(),
                        Integer.parseInt(f.get(1)), f.get(2), f.get(3), (start != null) ? start[0] : null,
                        (start != null) ? start[1] : null, (end != null) ? end[0] : null, (end != null) ? end[1] : null,
                        "1".equals(f.get(4)) ? "subscriber" : "customer", (birth > 0) ? birth : null));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return trips;
    }

    public static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    // -- Vehicle telemetry
    // -----------------------------------------------------------------------

    /** A vehicle's report. */
    public record Report(String eventId, String vehicleId, Instant reportedAt, double lat, double lon, Double rangeM,
            boolean reserved, boolean disabled, String vehicleType) {
    }

    /**
     * Reports of one e-bike per Citi Bike station, three each ten minutes apart, at the
     * station's real position: the remaining range falls 1 km a report from a start that
     * depends on the station, every 17th station's bike is disabled by its last report,
     * every 23rd reserved. Made here because the real telemetry feed in Weir's shared
     * data (TIER, Wolfsburg) has no known licence and stays out of the repository; the
     * tests compute their expectations from these reports like from any source.
     */
    public static List<Report> telemetry(Path stationsCsv) {
        List<Report> reports = new ArrayList<>();
        Instant start = Instant.parse("2017-07-17T12:00:00Z");
        try (BufferedReader reader = reader(stationsCsv)) {
            reader.readLine();
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                List<String> f = csv(text);
                int station = Integer.parseInt(f.get(0));
                String vehicle = "ebike-" + station;
                for (int k = 0; k < 3; k++) {
                    Instant at = start.plusSeconds(600L * k);
                    double range = (station * 7919L) % 48_000 + 3_000 - 1_000 * k;
                    reports.add(new Report(vehicle + "@" + at.getEpochSecond(), vehicle, at,
                            Double.parseDouble(f.get(1)) + 0.0001 * k, Double.parseDouble(f.get(2)), range,
                            station % 23 == 0 && k == 2, station % 17 == 0 && k == 2, "ebike"));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return reports;
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

}
