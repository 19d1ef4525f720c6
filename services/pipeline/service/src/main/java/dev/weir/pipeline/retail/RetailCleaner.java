package dev.weir.pipeline.retail;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Cleaner;
import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;

/**
 * The retail rules ({@link RetailDataset#RULES}), for the Retail service's events and its
 * export rows. An event's version is its time; an export row's is the entity's
 * {@code updated_at}.
 */
final class RetailCleaner implements Cleaner {

    static final String EXPORT_TYPE_PREFIX = "weir.retail.export.";

    @Override
    public Cleaning clean(RawRecord record) {
        String type = record.type();
        if (type == null) {
            return new Cleaning.Ignored("retail.unknown_event");
        }
        if (type.equals("weir.retail.import.finished")) {
            return new Cleaning.Ignored("retail.import_summary");
        }
        JsonNode json = JsonValues.parse(record.data());
        if (!json.isObject()) {
            return Cleaning.reject("retail.unreadable", "the data of " + type + " is not a JSON object");
        }
        Set<String> rules = new LinkedHashSet<>();
        try {
            List<Row> rows = switch (type) {
                case "weir.retail.customer.created", "weir.retail.customer.updated" ->
                    List.of(customer(json, record, null));
                case "weir.retail.customer.deleted" -> {
                    rules.add("retail.customer_deleted");
                    yield List.of(customer(json, record, record.eventTime()));
                }
                case "weir.retail.export.customer" -> List.of(customer(json, record, null));
                case "weir.retail.stockcode.created", "weir.retail.stockcode.updated",
                        "weir.retail.export.stock_code" ->
                    List.of(product(json, record, rules));
                case "weir.retail.invoice.created", "weir.retail.export.invoice" -> invoice(json, record, rules);
                case "weir.retail.invoice.line_added" ->
                    List.of(line(json, require(json, "invoice_no"), record, rules));
                default -> null;
            };
            if (rows == null) {
                return new Cleaning.Ignored("retail.unknown_event");
            }
            return Cleaning.rows(rows, new ArrayList<>(rules));
        }
        catch (BadValue ex) {
            return Cleaning.reject("retail.bad_value", ex.getMessage());
        }
        catch (NumberFormatException | ArithmeticException | DateTimeException ex) {
            return Cleaning.reject("retail.bad_value", type + ": " + ex.getMessage());
        }
    }

    private Row customer(JsonNode json, RawRecord record, Instant deletedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", customerId(require(json, "customer_id")));
        row.put("country", require(json, "country"));
        row.put("deleted_at", deletedAt);
        row.put("source_version", version(json, record));
        row.put("received_at", record.timestamp());
        return new Row(RetailDataset.CUSTOMER, row);
    }

    private Row product(JsonNode json, RawRecord record, Set<String> rules) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stock_code", require(json, "stock_code").toUpperCase(Locale.ROOT));
        row.put("description", JsonValues.text(json, "description"));
        row.put("unit_price", JsonValues.decimal(json, "unit_price"));
        String kind = JsonValues.text(json, "kind");
        kind = (kind != null) ? kind.toLowerCase(Locale.ROOT) : "product";
        row.put("kind", kind);
        boolean product = kind.equals("product");
        if (!product) {
            rules.add("retail.non_product");
        }
        row.put("is_product", product);
        row.put("source_version", version(json, record));
        row.put("received_at", record.timestamp());
        return new Row(RetailDataset.PRODUCT, row);
    }

    private List<Row> invoice(JsonNode json, RawRecord record, Set<String> rules) {
        String number = require(json, "invoice_no");
        LocalDateTime date = JsonValues.localDateTime(json, "invoice_date");
        if (date == null) {
            throw new BadValue("invoice " + number + " has no invoice_date");
        }
        String customer = JsonValues.text(json, "customer_id");
        if (customer == null) {
            String url = JsonValues.text(json.get("customer"), "url");
            customer = (url != null) ? url.substring(url.lastIndexOf('/') + 1) : null;
        }
        if (customer == null) {
            rules.add("retail.no_customer");
        }
        String kind = JsonValues.text(json, "kind");
        kind = (kind != null) ? kind.toLowerCase(Locale.ROOT) : kindOf(number);
        if (kind.equals("cancellation")) {
            rules.add("retail.cancellation");
        }
        else if (kind.equals("adjustment")) {
            rules.add("retail.adjustment");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("invoice_no", number);
        row.put("invoice_date", date);
        row.put("date_key", JsonValues.dateKey(date.toLocalDate()));
        row.put("customer_id", (customer != null) ? customerId(customer) : null);
        row.put("country", JsonValues.text(json, "country"));
        row.put("kind", kind);
        row.put("source_version", version(json, record));
        row.put("received_at", record.timestamp());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RetailDataset.INVOICE, row));
        JsonNode lines = json.get("lines");
        if (lines != null && lines.isArray()) {
            for (JsonNode line : lines) {
                rows.add(line(line, number, record, rules));
            }
        }
        return rows;
    }

    private Row line(JsonNode json, String invoiceNo, RawRecord record, Set<String> rules) {
        Long lineNo = JsonValues.whole(json, "line_no");
        Long quantity = JsonValues.whole(json, "quantity");
        BigDecimal price = JsonValues.decimal(json, "unit_price");
        if (lineNo == null || quantity == null || price == null) {
            throw new BadValue("a line of invoice " + invoiceNo + " lacks line_no, quantity or unit_price");
        }
        if (quantity < 0) {
            rules.add("retail.negative_quantity");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("invoice_no", invoiceNo);
        row.put("line_no", lineNo.intValue());
        row.put("stock_code", require(json, "stock_code").toUpperCase(Locale.ROOT));
        row.put("description", JsonValues.text(json, "description"));
        row.put("quantity", Math.toIntExact(quantity));
        row.put("unit_price", price);
        row.put("received_at", record.timestamp());
        return new Row(RetailDataset.LINE, row);
    }

    /** The export's updated_at, else the event's time. */
    private static Instant version(JsonNode json, RawRecord record) {
        String updated = JsonValues.text(json, "updated_at");
        return (updated != null) ? JsonValues.instant(updated) : record.eventTime();
    }

    /** Customer ids written {@code 17850.0} in the source are {@code 17850}. */
    static String customerId(String id) {
        return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    }

    private static String kindOf(String invoiceNo) {
        if (invoiceNo.length() > 1 && Character.isDigit(invoiceNo.charAt(1))) {
            if (invoiceNo.charAt(0) == 'C') {
                return "cancellation";
            }
            if (invoiceNo.charAt(0) == 'A') {
                return "adjustment";
            }
        }
        return "sale";
    }

    private static String require(JsonNode json, String field) {
        String value = JsonValues.text(json, field);
        if (value == null) {
            throw new BadValue("no " + field);
        }
        return value;
    }

    private static final class BadValue extends RuntimeException {

        BadValue(String message) {
            super(message);
        }

    }

}
