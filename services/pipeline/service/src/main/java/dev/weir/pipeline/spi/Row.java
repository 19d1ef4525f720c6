package dev.weir.pipeline.spi;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cleaned row for a warehouse table.
 *
 * @param table the table
 * @param values the column values by name (Java values: String, Number, Boolean, Instant,
 * LocalDate, LocalDateTime, List of String; null for SQL NULL); every column of the table
 * must be present
 */
public record Row(Table table, Map<String, Object> values) {

    public Row {
        for (Column column : table.columns()) {
            if (!values.containsKey(column.name())) {
                throw new IllegalArgumentException("Row of " + table.name() + " lacks column " + column.name());
            }
        }
        for (String key : table.key()) {
            if (values.get(key) == null) {
                throw new IllegalArgumentException("Row of " + table.name() + " has no value for key column " + key);
            }
        }
    }

    /** The primary key's values as one string, e.g. {@code 536365|1}. */
    public String key() {
        return this.table.key()
            .stream()
            .map((k) -> String.valueOf(this.values.get(k)))
            .collect(Collectors.joining("|"));
    }

}
