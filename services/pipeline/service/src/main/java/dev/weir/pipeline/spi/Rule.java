package dev.weir.pipeline.spi;

/**
 * A documented, counted cleaning rule of a dataset.
 *
 * @param name {@code <dataset>.<what>}, e.g. {@code fhrs.sentinel_date}
 * @param action what the rule does to a record it fires on
 * @param description what it does and why, for a person
 */
public record Rule(String name, Action action, String description) {

    /** What happens to a record a rule fires on. */
    public enum Action {

        /** The record is cleaned (a value fixed, mapped or flagged) and loaded. */
        NORMALISE,

        /** The record goes to the dead-letter topic with the reason. */
        DEAD_LETTER,

        /** The record is dropped on purpose (not for the warehouse), and counted. */
        IGNORE

    }

}
