package dev.weir.pipeline.reconcile;

import java.util.List;
import java.util.Map;

/**
 * The counts of a dataset at each stage and whether they agree.
 *
 * @param dataset the dataset
 * @param reconciled whether every check holds
 * @param stages the counts, source to warehouse
 * @param checks each comparison, and where a difference is
 * @param deadLetters dead letters by rule
 */
public record Reconciliation(String dataset, boolean reconciled, List<Stage> stages, List<Check> checks,
        Map<String, Long> deadLetters) {

    /**
     * @param name e.g. {@code raw on Kafka}
     * @param count how many
     * @param note what it counts, or why it is unknown
     */
    public record Stage(String name, Long count, String note) {
    }

    /**
     * @param name what is compared
     * @param holds whether it holds
     * @param expected the count it should be
     * @param actual the count it is
     * @param explanation where the difference is, when there is one
     */
    public record Check(String name, boolean holds, long expected, long actual, String explanation) {
    }

}
