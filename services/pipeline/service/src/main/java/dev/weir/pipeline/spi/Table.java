package dev.weir.pipeline.spi;

import java.util.List;

/**
 * A warehouse table (schema {@code warehouse}) that cleaned rows are upserted into.
 *
 * @param name the table's name
 * @param columns the columns the loader writes (not those the database fills itself, such
 * as {@code loaded_at} and generated ones)
 * @param key the primary key's columns
 * @param versionColumn a column holding the source's version of the row: a row with an
 * older version never overwrites a newer one; null when the last one read wins
 */
public record Table(String name, List<Column> columns, List<String> key, String versionColumn) {

    public Table {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        List<String> names = columns.stream().map(Column::name).toList();
        if (!names.containsAll(key)) {
            throw new IllegalArgumentException("Table " + name + ": the key " + key + " is not among its columns");
        }
        if (versionColumn != null && !names.contains(versionColumn)) {
            throw new IllegalArgumentException("Table " + name + ": no version column " + versionColumn);
        }
    }

    /** The names of the columns, in order. */
    public List<String> columnNames() {
        return this.columns.stream().map(Column::name).toList();
    }

}
