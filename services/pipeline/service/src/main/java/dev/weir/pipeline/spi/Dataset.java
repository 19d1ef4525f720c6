package dev.weir.pipeline.spi;

import java.util.List;

/**
 * A dataset the pipeline cleans and loads: what it is (its raw topics, its warehouse
 * tables, its rules, how it recognises a repeat) and what it does (its {@link Cleaner}).
 * Each dataset runs as a Kafka Streams application of its own, {@code weir.raw.<name>}
 * (and any other source topics) to {@code weir.clean.<name>} and {@code weir.dlq.<name>}.
 * A dataset package declares its one {@code Dataset} bean in a single expression; the
 * stages find it.
 *
 * @param name the dataset's name, e.g. {@code fhrs}: its topics are {@code weir.*.<name>}
 * @param sources the topics its raw records are read from; all must have the same number
 * of partitions if keys are to meet their repeats in one task
 * @param tables its tables
 * @param rules its rules, each counted
 * @param repeats what makes a record a repeat of one already cleaned
 * @param cleaner its cleaner: the dataset's behaviour, everything else is data
 */
public record Dataset(String name, List<SourceTopic> sources, List<Table> tables, List<Rule> rules, Repeats repeats,
        Cleaner cleaner) {

    public Dataset {
        sources = List.copyOf(sources);
        tables = List.copyOf(tables);
        rules = List.copyOf(rules);
    }

    /** What makes a raw record a repeat of one already cleaned. */
    public enum Repeats {

        /**
         * A repeated event id (pushed events and domain events: a client or relay
         * retried).
         */
        EVENT_ID,

        /**
         * The same row with the same content; a repeated event id alone does not make a
         * repeat.
         */
        CONTENT

    }

    /**
     * A source topic of a dataset.
     *
     * @param name e.g. {@code weir.raw.fhrs}
     * @param partitions its partitions, if the pipeline creates it
     * @param declared whether the pipeline declares it (creates it if missing); a topic
     * another service owns with settings of its own is not declared
     */
    public record SourceTopic(String name, int partitions, boolean declared) {
    }

}
