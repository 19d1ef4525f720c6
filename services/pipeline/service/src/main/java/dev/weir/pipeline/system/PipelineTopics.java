package dev.weir.pipeline.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.weir.pipeline.spi.Dataset;
import dev.weir.platform.kafka.Topic;
import dev.weir.platform.kafka.WeirKafkaProperties;

/**
 * The topics of the pipeline, created at start-up when missing: per dataset its raw
 * sources (owned by the services that write them, declared here with the same settings so
 * the clean stage can start first), {@code weir.commands.replay-<dataset>},
 * {@code weir.clean.<dataset>} and {@code weir.dlq.<dataset>}; and the tallies,
 * {@code weir.events.pipeline}.
 */
@Configuration(proxyBeanMethods = false)
public class PipelineTopics {

    /** Where the clean stage writes its counts. */
    public static final String TALLY = "weir.events.pipeline";

    public static String clean(String dataset) {
        return "weir.clean." + dataset;
    }

    public static String deadLetters(String dataset) {
        return "weir.dlq." + dataset;
    }

    public static String replay(String dataset) {
        return "weir.commands.replay-" + dataset;
    }

    /** The partitions of a dataset's own topics: as many as its first source has. */
    public static int partitions(Dataset dataset) {
        return dataset.sources().get(0).partitions();
    }

    /** Every topic of the handled datasets, by name. */
    static Map<String, Topic> declared(Datasets datasets, PipelineProperties properties) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        PipelineProperties.Topics settings = properties.topics();
        for (Dataset dataset : datasets.all()) {
            int partitions = partitions(dataset);
            for (Dataset.SourceTopic source : dataset.sources()) {
                if (source.declared()) {
                    topics.put(source.name(), Topic.of(source.name(), source.partitions(), settings.rawRetention()));
                }
            }
            topics.put(replay(dataset.name()),
                    Topic.of(replay(dataset.name()), partitions, settings.deadLetterRetention()));
            topics.put(clean(dataset.name()), Topic.of(clean(dataset.name()), partitions, settings.cleanRetention()));
            topics.put(deadLetters(dataset.name()),
                    Topic.of(deadLetters(dataset.name()), partitions, settings.deadLetterRetention()));
        }
        topics.put(TALLY, Topic.of(TALLY, 3, settings.cleanRetention()));
        return topics;
    }

    @Bean
    KafkaAdmin.NewTopics declaredPipelineTopics(Datasets datasets, PipelineProperties properties,
            WeirKafkaProperties kafka) {
        List<NewTopic> topics = new ArrayList<>();
        declared(datasets, properties).values()
            .forEach((topic) -> topics.add(topic.newTopic(kafka.replicationFactor())));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

}
