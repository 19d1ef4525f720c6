package dev.weir.ingest.pull.run;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.system.IngestProperties;
import dev.weir.ingest.system.IngestTopics;

/**
 * Another replica of the ingest engine in the test's JVM: a {@link ConnectorRuns} of its
 * own (its own runs, locks and lock renewals) on the test context's catalog, stores and
 * database. {@link ConnectorRuns#destroy() Destroy} it when the test is done.
 */
final class Replicas {

    private Replicas() {
    }

    /** A replica that publishes with {@code kafka}. */
    static ConnectorRuns another(ApplicationContext context, KafkaOperations<String, byte[]> kafka) {
        return new ConnectorRuns(context.getBean(ConnectorCatalog.class), context.getBean(CheckpointRepository.class),
                context.getBean(FingerprintRepository.class), context.getBean(RunRepository.class),
                context.getBean(IngestTopics.class), context.getBean(IngestProperties.class),
                context.getBean(IngestMetrics.class), kafka, context.getBean(JdbcTemplate.class),
                context.getBean(JdbcClient.class));
    }

}
