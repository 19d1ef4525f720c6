package dev.weir.analytics.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The sample data sets as warehouse rows, loaded in batches through {@link WarehouseLoad}
 * (the loader's way), with the columns the Pipeline service's cleaners fill.
 */
public final class Loading {

    static final List<String> CUSTOMER = List.of("customer_id", "country", "source_version", "received_at");

    static final List<String> PRODUCT = List.of("stock_code", "description", "unit_price", "kind", "is_product",
            "source_version", "received_at");

    static final List<String> INVOICE = List.of("invoice_no", "invoice_date", "date_key", "customer_id", "country",
            "kind", "source_version", "received_at");

    static final List<String> LINE = List.of("invoice_no", "line_no", "stock_code", "description", "quantity",
            "unit_price", "received_at");

    static final List<String> ESTABLISHMENT = List.of("fhrs_id", "business_name", "business_type", "business_type_id",
            "address_line1", "address_line2", "address_line3", "address_line4", "postcode", "rating_scheme",
            "rating_value", "rating_status", "rating_score", "rating_date", "rating_date_key", "local_authority_code",
            "local_authority_name", "hygiene_score", "structural_score", "confidence_score", "longitude", "latitude",
            "new_rating_pending", "received_at");

    static final List<String> WEATHER = List.of("city", "time_utc", "date_key", "latitude", "longitude",
            "temperature_c", "precipitation_mm", "wind_speed_kmh", "relative_humidity_pct", "weather_code", "missing",
            "received_at");

    static final List<String> RIDE = List.of("ride_id", "vehicle_id", "started_at", "ended_at", "start_date_key",
            "start_hour", "duration_s", "distance_m", "start_station_id", "end_station_id", "start_lat", "start_lon",
            "end_lat", "end_lon", "user_type", "birth_year", "event_id", "received_at");

    static final List<String> TELEMETRY = List.of("event_id", "vehicle_id", "reported_at", "date_key", "lat", "lon",
            "battery_pct", "range_m", "is_reserved", "is_disabled", "vehicle_type", "received_at");

    private Loading() {
    }

    /**
     * Retail lines, {@code batch} source lines per transaction: each batch carries the
     * customers, stock codes and invoices its lines name (as an export page would), lines
     * before invoices in every other batch so both orders are exercised.
     */
    public static void retail(DataSource dataSource, List<Sources.RetailLine> lines, int batch) {
        Instant received = Instant.now();
        Map<String, String> firstCountry = new HashMap<>();
        Map<String, Sources.RetailLine> firstOfCode = new HashMap<>();
        for (Sources.RetailLine line : lines) {
            if (line.customerId() != null) {
                firstCountry.putIfAbsent(line.customerId(), line.country());
            }
            firstOfCode.putIfAbsent(line.stockCode(), line);
        }
        Map<String, Sources.RetailLine> firstOfInvoice = new LinkedHashMap<>();
        lines.forEach((line) -> firstOfInvoice.putIfAbsent(line.invoiceNo(), line));
        for (int start = 0, n = 0; start < lines.size(); start += batch, n++) {
            WarehouseLoad load = new WarehouseLoad(dataSource);
            List<Sources.RetailLine> chunk = lines.subList(start, Math.min(lines.size(), start + batch));
            boolean linesFirst = n % 2 == 1;
            if (linesFirst) {
                chunk.forEach((line) -> line(load, line, received));
            }
            for (Sources.RetailLine line : chunk) {
                if (line.customerId() != null) {
                    load.row("retail_customer", CUSTOMER, List.of("customer_id"), line.customerId(),
                            firstCountry.get(line.customerId()), received, received);
                }
                Sources.RetailLine code = firstOfCode.get(line.stockCode());
                boolean product = Sources.isProduct(line.stockCode());
                load.row("retail_product", PRODUCT, List.of("stock_code"), line.stockCode(), code.description(),
                        code.unitPrice(), product ? "product" : "other", product, received, received);
                Sources.RetailLine invoice = firstOfInvoice.get(line.invoiceNo());
                load.row("retail_invoice", INVOICE, List.of("invoice_no"), invoice.invoiceNo(), invoice.invoiceDate(),
                        WarehouseLoad.dateKey(invoice.invoiceDate()), invoice.customerId(), invoice.country(),
                        invoice.kind(), received, received);
            }
            if (!linesFirst) {
                chunk.forEach((line) -> line(load, line, received));
            }
            load.commit();
        }
    }

    private static void line(WarehouseLoad load, Sources.RetailLine line, Instant received) {
        load.row("retail_invoice_line", LINE, List.of("invoice_no", "line_no"), line.invoiceNo(), line.lineNo(),
                line.stockCode(), line.description(), line.quantity(), line.unitPrice(), received);
    }

    /**
     * The reference a loader is measured against: the same rows with one plain
     * {@code COPY} per table, straight into the warehouse tables (no staging, no upsert),
     * aggregates' triggers off for the copy (the caller turns them off and on).
     */
    public static void retailCopy(DataSource dataSource, List<Sources.RetailLine> lines) {
        Instant received = Instant.now();
        Map<String, Sources.RetailLine> firstOfInvoice = new LinkedHashMap<>();
        Map<String, Sources.RetailLine> firstOfCode = new LinkedHashMap<>();
        Map<String, String> firstCountry = new LinkedHashMap<>();
        for (Sources.RetailLine line : lines) {
            firstOfInvoice.putIfAbsent(line.invoiceNo(), line);
            firstOfCode.putIfAbsent(line.stockCode(), line);
            if (line.customerId() != null) {
                firstCountry.putIfAbsent(line.customerId(), line.country());
            }
        }
        List<Object[]> customers = new java.util.ArrayList<>();
        firstCountry.forEach((id, country) -> customers.add(new Object[] { id, country, received, received }));
        List<Object[]> products = new java.util.ArrayList<>();
        firstOfCode.forEach((code, line) -> products.add(new Object[] { code, line.description(), line.unitPrice(),
                Sources.isProduct(code) ? "product" : "other", Sources.isProduct(code), received, received }));
        List<Object[]> invoices = new java.util.ArrayList<>();
        firstOfInvoice.values()
            .forEach((i) -> invoices
                .add(new Object[] { i.invoiceNo(), i.invoiceDate(), WarehouseLoad.dateKey(i.invoiceDate()),
                        i.customerId(), i.country(), i.kind(), received, received }));
        List<Object[]> rows = new java.util.ArrayList<>(lines.size());
        lines.forEach((l) -> rows.add(new Object[] { l.invoiceNo(), l.lineNo(), l.stockCode(), l.description(),
                l.quantity(), l.unitPrice(), received }));
        WarehouseLoad.copy(dataSource,
                Map.of("retail_customer", CUSTOMER, "retail_product", PRODUCT, "retail_invoice", INVOICE,
                        "retail_invoice_line", LINE),
                Map.of("retail_customer", customers, "retail_product", products, "retail_invoice", invoices,
                        "retail_invoice_line", rows));
    }

    public static void establishments(DataSource dataSource, List<Sources.Establishment> all, int batch) {
        Instant received = Instant.now();
        for (int start = 0; start < all.size(); start += batch) {
            WarehouseLoad load = new WarehouseLoad(dataSource);
            for (Sources.Establishment e : all.subList(start, Math.min(all.size(), start + batch))) {
                Integer dateKey = (e.ratingDate() != null) ? Integer.valueOf(e.ratingDate().replace("-", "")) : null;
                load.row("fhrs_establishment", ESTABLISHMENT, List.of("fhrs_id"), e.fhrsId(), e.businessName(),
                        e.businessType(), e.businessTypeId(), e.address()[0], e.address()[1], e.address()[2],
                        e.address()[3], e.postcode(), e.scheme(), e.ratingValue(), e.ratingStatus(), e.ratingScore(),
                        e.ratingDate(), dateKey, e.authorityCode(), e.authorityName(), e.hygiene(), e.structural(),
                        e.confidence(), e.longitude(), e.latitude(), e.newRatingPending(), received);
            }
            load.commit();
        }
    }

    public static void weather(DataSource dataSource, List<Sources.WeatherHour> hours) {
        Instant received = Instant.now();
        WarehouseLoad load = new WarehouseLoad(dataSource);
        for (Sources.WeatherHour h : hours) {
            List<String> missing = new java.util.ArrayList<>();
            if (h.temperatureC() == null) {
                missing.add("temperature_c");
            }
            load.row("weather_hourly", WEATHER, List.of("city", "time_utc"), h.city(), h.time(),
                    WarehouseLoad.dateKey(h.time()), h.latitude(), h.longitude(), h.temperatureC(), h.precipitationMm(),
                    h.windSpeedKmh(), h.relativeHumidityPct(), h.weatherCode(), missing.toArray(String[]::new),
                    received);
        }
        load.commit();
    }

    public static void trips(DataSource dataSource, List<Sources.Trip> trips, int batch) {
        Instant received = Instant.now();
        for (int start = 0; start < trips.size(); start += batch) {
            WarehouseLoad load = new WarehouseLoad(dataSource);
            for (Sources.Trip t : trips.subList(start, Math.min(trips.size(), start + batch))) {
                LocalDateTime utc = LocalDateTime.ofInstant(t.startedAt(), ZoneOffset.UTC);
                load.row("ride", RIDE, List.of("ride_id"), t.rideId(), null, t.startedAt(), t.endedAt(),
                        WarehouseLoad.dateKey(t.startedAt()), utc.getHour(), t.durationS(), t.distanceM(),
                        t.startStation(), t.endStation(), t.startLat(), t.startLon(), t.endLat(), t.endLon(),
                        t.userType(), t.birthYear(), t.rideId(), received);
            }
            load.commit();
        }
    }

    public static void telemetry(DataSource dataSource, List<Sources.Report> reports, int batch) {
        Instant received = Instant.now();
        for (int start = 0; start < reports.size(); start += batch) {
            WarehouseLoad load = new WarehouseLoad(dataSource);
            for (Sources.Report r : reports.subList(start, Math.min(reports.size(), start + batch))) {
                load.row("vehicle_telemetry", TELEMETRY, List.of("event_id"), r.eventId(), r.vehicleId(),
                        r.reportedAt(), WarehouseLoad.dateKey(r.reportedAt()), r.lat(), r.lon(), null, r.rangeM(),
                        r.reserved(), r.disabled(), r.vehicleType(), received);
            }
            load.commit();
        }
    }

}
