package dev.weir.pipeline.clean;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.system.Datasets;
import dev.weir.pipeline.system.PipelineProperties;
import dev.weir.platform.kafka.WeirKafkaProperties;

/**
 * Runs the clean stage: one Kafka Streams application per dataset
 * ({@code <prefix>-<dataset>}, {@code exactly_once_v2}), started after the topics exist
 * and closed before the application context. Processes with the same application id
 * prefix share the partitions; a stream thread that fails is replaced, so a bug in one
 * record's handling never stops the stage (the record is dead-lettered, see
 * {@link CleanProcessor}).
 */
@Component
public class CleanStage implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CleanStage.class);

    private final Datasets datasets;

    private final CleanMetrics metrics;

    private final PipelineProperties properties;

    private final KafkaProperties kafka;

    private final WeirKafkaProperties weirKafka;

    private final Map<String, KafkaStreams> streams = new LinkedHashMap<>();

    private volatile boolean running;

    CleanStage(Datasets datasets, CleanMetrics metrics, PipelineProperties properties, KafkaProperties kafka,
            WeirKafkaProperties weirKafka) {
        this.datasets = datasets;
        this.metrics = metrics;
        this.properties = properties;
        this.kafka = kafka;
        this.weirKafka = weirKafka;
    }

    /** The application id of a dataset's clean stage: its consumer group too. */
    public String applicationId(String dataset) {
        return this.properties.clean().applicationIdPrefix() + "-" + dataset;
    }

    /** The state of each dataset's clean stage (RUNNING, REBALANCING, ERROR, ...). */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        this.datasets.all()
            .forEach((dataset) -> states.put(dataset.name(),
                    (this.streams.get(dataset.name()) != null) ? this.streams.get(dataset.name()).state().name()
                            : (this.properties.clean().enabled() ? "NOT_STARTED" : "DISABLED")));
        return states;
    }

    @Override
    public synchronized void start() {
        if (!this.properties.clean().enabled()) {
            this.running = true;
            return;
        }
        for (Dataset dataset : this.datasets.all()) {
            KafkaStreams app = new KafkaStreams(CleanTopology.of(dataset, this.metrics, this.properties.clean()),
                    config(dataset));
            app.setUncaughtExceptionHandler((ex) -> {
                log.error("The clean stage of {} failed; replacing its thread", dataset.name(), ex);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            app.start();
            this.streams.put(dataset.name(), app);
        }
        this.running = true;
    }

    @Override
    public synchronized void stop() {
        this.streams.values().forEach((app) -> app.close(Duration.ofSeconds(20)));
        this.streams.clear();
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // after the web server and KafkaAdmin's topics, stopped before them
        return Integer.MAX_VALUE - 2000;
    }

    private Properties config(Dataset dataset) {
        PipelineProperties.Clean clean = this.properties.clean();
        Path stateDir = (clean.stateDir() != null) ? clean.stateDir()
                : this.properties.dataDir().resolve("pipeline").resolve("streams");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(dataset.name()));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, clean.streamThreads(dataset.name()));
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, clean.commitInterval().toMillis());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG,
                (this.weirKafka.replicationFactor() > 0) ? this.weirKafka.replicationFactor() : -1);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // One request in flight: a brand-new partition's first produce can meet
        // NOT_LEADER_OR_FOLLOWER, and with
        // several batches in flight the transactional producer then retried
        // OUT_OF_ORDER_SEQUENCE until its
        // transaction aborted (Kafka 4.2.1; the ingest service and the outbox met the
        // same)
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        return config;
    }

}
