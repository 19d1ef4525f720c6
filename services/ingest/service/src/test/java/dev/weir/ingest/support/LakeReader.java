package dev.weir.ingest.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the lake's Parquet files back with DuckDB, as a user would: a reader that knows
 * nothing of how they were written.
 */
public final class LakeReader {

    private LakeReader() {
    }

    /**
     * Rows of a SQL query over the files; {@code {files}} stands for the dataset's glob.
     */
    public static List<Map<String, Object>> query(Path lake, String dataset, String sql) {
        Path root = lake.resolve(dataset);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String glob = "read_parquet('" + root.toAbsolutePath() + "/**/*.parquet', hive_partitioning = true)";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery(sql.replace("{files}", glob))) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("DuckDB could not read " + root + ": " + ex.getMessage(), ex);
        }
    }

    /** Column name to DuckDB type of the dataset's files. */
    public static Map<String, String> schema(Path lake, String dataset) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map<String, Object> row : query(lake, dataset, "DESCRIBE SELECT * FROM {files}")) {
            columns.put((String) row.get("column_name"), (String) row.get("column_type"));
        }
        return columns;
    }

    /** The event ids in the dataset's files, with repeats. */
    public static List<String> eventIds(Path lake, String dataset) {
        return query(lake, dataset, "SELECT _event_id FROM {files}").stream()
            .map((row) -> (String) row.get("_event_id"))
            .toList();
    }

}
