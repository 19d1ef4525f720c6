package dev.weir.ingest.topic;

/**
 * One of Weir's Kafka topics ({@code weir.<kind>.<dataset>}).
 *
 * @param name the topic
 * @param partitions its partitions
 * @param replicas replicas of each partition
 * @param retentionMs how long records are kept, in milliseconds; -1 for ever
 * @param cleanupPolicy {@code delete} or {@code compact}
 * @param records records it holds now (latest minus earliest offset, summed over the
 * partitions)
 */
public record TopicView(String name, int partitions, int replicas, long retentionMs, String cleanupPolicy,
        long records) {

}
