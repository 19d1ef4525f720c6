package dev.weir.analytics.support;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Writes rows into the warehouse the way the Pipeline service's loader does: per batch,
 * one transaction; per table, {@code COPY} into a staging table and one
 * {@code INSERT ... ON CONFLICT DO UPDATE} that changes a row only when its content
 * differs (the last version in a batch wins). So the aggregates' triggers run exactly as
 * they do under the loader.
 */
public final class WarehouseLoad {

    private final DataSource dataSource;

    private final Map<String, Batch> tables = new LinkedHashMap<>();

    public WarehouseLoad(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a row (values in {@code columns} order; null for SQL NULL) to the batch. */
    public WarehouseLoad row(String table, List<String> columns, List<String> key, Object... values) {
        Batch batch = this.tables.computeIfAbsent(table, (t) -> new Batch(columns, key));
        StringBuilder id = new StringBuilder();
        for (String k : key) {
            id.append(values[columns.indexOf(k)]).append('\u0001');
        }
        batch.rows.remove(id.toString());
        batch.rows.put(id.toString(), values);
        return this;
    }

    public int size() {
        return this.tables.values().stream().mapToInt((b) -> b.rows.size()).sum();
    }

    /** Writes the batch in one transaction, tables in the order they were first added. */
    public void commit() {
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (Map.Entry<String, Batch> table : this.tables.entrySet()) {
                upsert(connection, table.getKey(), table.getValue());
            }
            connection.commit();
        }
        catch (SQLException | IOException ex) {
            throw new IllegalStateException("Loading the batch failed", ex);
        }
        this.tables.clear();
    }

    private static void upsert(Connection connection, String table, Batch batch) throws SQLException, IOException {
        String stage = "stage_" + table;
        String columns = String.join(", ", batch.columns);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE warehouse." + table
                    + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
        }
        StringBuilder text = new StringBuilder(batch.rows.size() * 128);
        for (Object[] row : batch.rows.values()) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                text.append(copyText(row[i]));
            }
            text.append('\n');
        }
        connection.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + stage + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
        List<String> content = batch.columns.stream()
            .filter((c) -> !batch.key.contains(c) && !c.equals("received_at") && !c.equals("source_version"))
            .toList();
        String set = batch.columns.stream()
            .filter((c) -> !batch.key.contains(c))
            .map((c) -> c + " = excluded." + c)
            .collect(Collectors.joining(", ")) + ", loaded_at = now()";
        String differs = content.isEmpty() ? "false"
                : "(" + content.stream().map((c) -> "t." + c).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
                        + content.stream().map((c) -> "excluded." + c).collect(Collectors.joining(", ")) + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO warehouse." + table + " AS t (" + columns + ") SELECT " + columns + " FROM "
                    + stage + " ON CONFLICT (" + String.join(", ", batch.key) + ") DO UPDATE SET " + set + " WHERE "
                    + differs);
        }
    }

    /** Plain {@code COPY} of rows into warehouse tables, in one transaction. */
    public static void copy(DataSource dataSource, Map<String, List<String>> columns,
            Map<String, List<Object[]>> rows) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (String table : List.of("retail_customer", "retail_product", "retail_invoice", "retail_invoice_line")) {
                StringBuilder text = new StringBuilder();
                for (Object[] row : rows.get(table)) {
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            text.append('\t');
                        }
                        text.append(copyText(row[i]));
                    }
                    text.append('\n');
                }
                connection.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY warehouse." + table + " (" + String.join(", ", columns.get(table)) + ") FROM STDIN",
                            new StringReader(text.toString()));
            }
            connection.commit();
        }
        catch (SQLException | IOException ex) {
            throw new IllegalStateException("COPY failed", ex);
        }
    }

    static String copyText(Object value) {
        if (value == null) {
            return "\\N";
        }
        String text;
        if (value instanceof Instant instant) {
            text = DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        else if (value instanceof LocalDateTime time) {
            text = time.toString();
        }
        else if (value instanceof String[] array) {
            text = "{" + String.join(",", array) + "}";
        }
        else {
            text = value.toString();
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The warehouse's date key of a UTC instant or a local date-time. */
    public static int dateKey(Object time) {
        LocalDateTime local = (time instanceof Instant instant) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                : (LocalDateTime) time;
        return local.getYear() * 10_000 + local.getMonthValue() * 100 + local.getDayOfMonth();
    }

    private static final class Batch {

        final List<String> columns;

        final List<String> key;

        final Map<String, Object[]> rows = new LinkedHashMap<>();

        Batch(List<String> columns, List<String> key) {
            this.columns = columns;
            this.key = new ArrayList<>(key);
        }

    }

}
