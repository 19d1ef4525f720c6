package dev.weir.pipeline.spi;

import java.util.List;

/**
 * A dataset the pipeline cleans and loads: its raw topics, its cleaner, its warehouse
 * tables and its rules. Each dataset runs as a Kafka Streams application of its own,
 * {@code weir.raw.<name>} (and any other source topics) to {@code weir.clean.<name>} and
 * {@code weir.dlq.<name>}.
 */
public interface Dataset {

    /** The dataset's name, e.g. {@code fhrs}: its topics are {@code weir.*.<name>}. */
    String name();

    /**
     * The topics its raw records are read from; all must have the same number of
     * partitions if keys are to meet their repeats in one task.
     */
    List<SourceTopic> sources();

    /** Its tables. */
    List<Table> tables();

    /** Its rules, each counted. */
    List<Rule> rules();

    /** Its cleaner. */
    Cleaner cleaner();

    /**
     * Whether a repeated event id means a repeat (pushed events and domain events: a
     * client or relay retried); otherwise repeats are the same row with the same content.
     */
    boolean dropsRepeatedEventIds();

    /**
     * A source topic of a dataset.
     *
     * @param name e.g. {@code weir.raw.fhrs}
     * @param partitions its partitions, if the pipeline creates it
     * @param declared whether the pipeline declares it (creates it if missing); a topic
     * another service owns with settings of its own is not declared
     */
    record SourceTopic(String name, int partitions, boolean declared) {
    }

}
