package dev.weir.ingest.system;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.weir.platform.kafka.Topic;
import dev.weir.platform.kafka.WeirKafkaProperties;

/**
 * The topics of connector datasets, {@code weir.raw.<dataset>} and
 * {@code weir.dlq.<dataset>}, declared as {@link Topic}s. Connectors come and go at run
 * time (files, the admin API), so the topics are created when a run starts rather than as
 * beans at start-up; the declaration rules are the same.
 */
@Component
public class IngestTopics {

    private final KafkaAdmin admin;

    private final IngestProperties properties;

    private final WeirKafkaProperties kafka;

    IngestTopics(KafkaAdmin admin, IngestProperties properties, WeirKafkaProperties kafka) {
        this.admin = admin;
        this.properties = properties;
        this.kafka = kafka;
    }

    /** The topics of a dataset. */
    public List<Topic> of(String dataset) {
        return List.of(
                Topic.of("weir.raw." + dataset, this.properties.topics().rawPartitions(),
                        this.properties.topics().rawRetention()),
                Topic.of("weir.dlq." + dataset, this.properties.topics().rawPartitions(),
                        this.properties.topics().deadLetterRetention()));
    }

    /** Creates a dataset's topics if they are missing (or raises their partitions). */
    public void ensure(String dataset) {
        this.admin.createOrModifyTopics(of(dataset).stream()
            .map((topic) -> topic.newTopic(this.kafka.replicationFactor()))
            .toArray(NewTopic[]::new));
    }

}
