package dev.weir.pipeline.spi;

import java.util.List;

/** What a {@link Cleaner} made of a raw record. */
public sealed interface Cleaning {

    /**
     * Rows for the warehouse (one raw record may give several, or none: a delete).
     *
     * @param rows the rows
     * @param rules the normalising rules that fired on the record (each counted)
     */
    record Cleaned(List<Row> rows, List<String> rules) implements Cleaning {

        public Cleaned {
            rows = List.copyOf(rows);
            rules = List.copyOf(rules);
        }

    }

    /**
     * The record cannot be cleaned: it goes to the dead-letter topic.
     *
     * @param rule the rule that rejected it, e.g. {@code rides.negative_duration}
     * @param reason why, for a person, naming the offending value
     */
    record Rejected(String rule, String reason) implements Cleaning {
    }

    /**
     * The record is not for the warehouse (e.g. a stream that is not loaded); counted
     * under its rule, not dead-lettered.
     */
    record Ignored(String rule) implements Cleaning {
    }

    static Cleaned rows(List<Row> rows, List<String> rules) {
        return new Cleaned(rows, rules);
    }

    static Rejected reject(String rule, String reason) {
        return new Rejected(rule, reason);
    }

}
