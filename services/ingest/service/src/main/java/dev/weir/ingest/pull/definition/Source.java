package dev.weir.ingest.pull.definition;

/** Where a connector's definition comes from. */
public enum Source {

    /** {@code connectors/<name>.yml} in the ingest service's jar. */
    BUILT_IN,

    /** {@code $WEIR_DATA_DIR/connectors/<name>.yml}; replaces a built-in of that name. */
    FILE,

    /** Stored through the admin API, in schema {@code ingest}. */
    API,

    /** A Spring bean implementing the SPI's {@code Connector}. */
    JAVA;

    /** As shown to people: {@code built-in}, {@code file}, {@code api}, {@code java}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

}
