package dev.weir.pipeline.dlq;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

/** What the dead-letter API answers and takes. */
public final class DeadLetterViews {

    private DeadLetterViews() {
    }

    /**
     * A dead letter in a list.
     *
     * @param id {@code <partition>-<offset>} on {@code weir.dlq.<dataset>}
     * @param stage {@code pipeline} (a rule rejected it) or {@code ingest} (a bad page)
     * @param replayable whether {@code replay} can send it through again
     */
    public record DeadLetterSummary(String id, String dataset, String stage, String rule, String reason, Instant deadAt,
            OriginalAt original, boolean replayable, Instant replayedAt, int replayCount) {
    }

    /** Where the original record was. */
    public record OriginalAt(String topic, Integer partition, Long offset, String key) {
    }

    /**
     * A dead letter whole.
     *
     * @param originalValue the original value as text (UTF-8), or null when it is not
     * text
     * @param originalValueBase64 the original value's bytes, base64
     */
    public record DeadLetterDetail(DeadLetterSummary summary, Map<String, Object> originalHeaders, String originalValue,
            String originalValueBase64, Map<String, Object> provenance, String replayOf) {
    }

    /** A page of dead letters; {@code next} is the id to ask after, or null. */
    public record DeadLetterPage(List<DeadLetterSummary> items, String next) {
    }

    /** Dead letters per dataset and rule. */
    public record DeadLetterCounts(Map<String, Map<String, Long>> datasets) {
    }

    /**
     * Which dead letters to replay: the listed ids, or every one under {@code rule}, or
     * (neither given) all of the dataset's.
     */
    public record ReplayRequest(@Size(max = 100_000) List<String> ids, String rule) {
    }

    /**
     * @param replayed sent through again
     * @param skipped not replayable (the Ingest service's bad pages: run the connector
     * again instead)
     */
    public record ReplayResponse(String dataset, int replayed, int skipped, List<String> ids) {
    }

}
