package dev.weir.pipeline.spi;

/**
 * A column of a warehouse table that the loader writes.
 *
 * @param name the column's name
 * @param type its SQL type, as in the table (for the staging table's {@code COPY})
 */
public record Column(String name, String type) {

    public static Column text(String name) {
        return new Column(name, "text");
    }

    public static Column integer(String name) {
        return new Column(name, "integer");
    }

    public static Column bigint(String name) {
        return new Column(name, "bigint");
    }

    public static Column smallint(String name) {
        return new Column(name, "smallint");
    }

    public static Column decimal(String name) {
        return new Column(name, "numeric");
    }

    public static Column float8(String name) {
        return new Column(name, "double precision");
    }

    public static Column bool(String name) {
        return new Column(name, "boolean");
    }

    public static Column timestamptz(String name) {
        return new Column(name, "timestamptz");
    }

    public static Column timestamp(String name) {
        return new Column(name, "timestamp");
    }

    public static Column date(String name) {
        return new Column(name, "date");
    }

    public static Column textArray(String name) {
        return new Column(name, "text[]");
    }

}
