package dev.weir.ingest.lake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

import dev.weir.ingest.push.StreamCatalog;
import dev.weir.ingest.push.StreamDefinition;
import dev.weir.ingest.system.IngestProperties;
import dev.weir.platform.launch.BackgroundPriority;

/**
 * Writes every {@code weir.raw.*} topic to the lake, exactly once
 * (docs/design/lake-commits.md §3): one consumer of group {@code weir-lake} on a thread
 * of its own reads records into a {@link Staging} cycle; when the cycle is due it writes
 * every bucket as a complete Parquet file and only then commits the offsets. A failure to
 * write forgets the cycle and reads it again from the committed offsets.
 */
class LakeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LakeWriter.class);

    private static final Duration RETRY = Duration.ofSeconds(5);

    private static final Duration CLOSE = Duration.ofSeconds(5);

    private final Map<String, Object> consumerConfig;

    private final Pattern topics;

    private final LakeStorage storage;

    private final StreamCatalog streams;

    private final LakeMetrics metrics;

    private final IngestProperties.Lake settings;

    private final Path spill;

    private final Map<String, Columns> columns = new ConcurrentHashMap<>();

    private final AtomicLong lag = new AtomicLong();

    private volatile boolean running;

    private volatile KafkaConsumer<String, byte[]> consumer;

    private Thread thread;

    LakeWriter(KafkaProperties kafka, IngestProperties properties, LakeStorage storage, StreamCatalog streams,
            LakeMetrics metrics) {
        this.settings = properties.lake();
        this.topics = Pattern.compile(this.settings.topics());
        this.storage = storage;
        this.streams = streams;
        this.metrics = metrics;
        this.spill = properties.dataDir().toAbsolutePath().resolve("lake-spill");
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, this.settings.group());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-lake");
        // new weir.raw.* topics (a stream declared, a connector added) are seen within
        // seconds
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        this.consumerConfig = config;
        metrics.watchLag(this.lag);
    }

    @Override
    public void start() {
        this.running = true;
        this.thread = Thread.ofPlatform()
            .name("weir-lake-writer")
            .daemon()
            .start(BackgroundPriority.lowered(this::run));
    }

    @Override
    public void stop() {
        this.running = false;
        KafkaConsumer<String, byte[]> current = this.consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread writer = this.thread;
        if (writer != null) {
            try {
                writer.join(Duration.ofSeconds(60));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Stops after the services that produce (the web server) stopped. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void run() {
        while (this.running) {
            try {
                Files.createDirectories(this.spill);
                this.storage.cleanUp();
                try (Staging staging = new Staging(this.settings, this.spill, this::columnsOf)) {
                    KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(this.consumerConfig,
                            new StringDeserializer(), new ByteArrayDeserializer());
                    this.consumer = kafka;
                    try {
                        log.info("Lake writer started: topics {} into {}", this.topics, this.storage.location());
                        consume(kafka, staging);
                    }
                    finally {
                        // a broker already gone must not hold the service's stop
                        kafka.close(CLOSE);
                    }
                }
            }
            catch (WakeupException ex) {
                // stopping
            }
            catch (Exception ex) {
                if (this.running) {
                    log.warn("Lake writer failed, starting again in {} s from the committed offsets: {}",
                            RETRY.toSeconds(), ex.toString());
                    sleep(RETRY);
                }
            }
            finally {
                this.consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<String, byte[]> kafka, Staging staging) throws Exception {
        Cycle cycle = new Cycle(kafka, staging);
        kafka.subscribe(this.topics, cycle);
        try {
            while (this.running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(pollTimeout(staging));
                for (ConsumerRecord<String, byte[]> record : records) {
                    staging.add(record);
                }
                if (due(staging)) {
                    cycle.write();
                }
            }
        }
        catch (WakeupException ex) {
            // stopping: what was read is written below
        }
        cycle.write();
    }

    private boolean due(Staging staging) {
        return !staging.isEmpty()
                && (staging.rows() >= this.settings.rollRows() || staging.bytes() >= this.settings.rollBytes().toBytes()
                        || staging.age() >= this.settings.rollAge().toNanos());
    }

    private Duration pollTimeout(Staging staging) {
        if (staging.isEmpty()) {
            return Duration.ofMillis(500);
        }
        long left = this.settings.rollAge().toNanos() - staging.age();
        return Duration.ofNanos(Math.max(1_000_000, Math.min(left, 500_000_000)));
    }

    private List<DatasetColumns.Column> columnsOf(String dataset) {
        StreamDefinition definition = this.streams.find(dataset).orElse(null);
        if (definition == null) {
            return List.of();
        }
        Columns known = this.columns.get(dataset);
        if (known == null || known.version() != definition.version()) {
            known = new Columns(definition.version(), DatasetColumns.of(definition.schema()));
            this.columns.put(dataset, known);
        }
        return known.columns();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private record Columns(int version, List<DatasetColumns.Column> columns) {
    }

    /** Writes and commits a cycle; on a rebalance, before partitions are given up. */
    private final class Cycle implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> kafka;

        private final Staging staging;

        Cycle(KafkaConsumer<String, byte[]> kafka, Staging staging) {
            this.kafka = kafka;
            this.staging = staging;
        }

        void write() throws Exception {
            if (this.staging.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            Staging.Written written;
            try {
                written = this.staging.write(LakeWriter.this.storage);
            }
            catch (Exception ex) {
                // nothing committed: read the cycle again
                this.staging.discard();
                rewind(this.kafka.assignment());
                throw ex;
            }
            this.kafka.commitSync(written.offsets(), Duration.ofSeconds(30));
            LakeWriter.this.metrics.cycle(written, System.nanoTime() - started);
            LakeWriter.this.lag.set(lag(written.offsets()));
            log.debug("Lake cycle: {} records, {} files", written.records(), written.files().size());
        }

        private long lag(Map<TopicPartition, OffsetAndMetadata> committed) {
            try {
                Set<TopicPartition> assigned = this.kafka.assignment();
                Map<TopicPartition, Long> end = this.kafka.endOffsets(assigned, Duration.ofSeconds(5));
                long total = 0;
                for (TopicPartition partition : assigned) {
                    total += Math.max(0, end.getOrDefault(partition, 0L) - this.kafka.position(partition));
                }
                return total;
            }
            catch (RuntimeException ex) {
                return LakeWriter.this.lag.get();
            }
        }

        private void rewind(Set<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = this.kafka.committed(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    this.kafka.seek(partition, offset);
                }
                else {
                    this.kafka.seekToBeginning(List.of(partition));
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                write();
            }
            catch (Exception ex) {
                log.warn("Could not finish the lake cycle before a rebalance; its records are read again: {}",
                        ex.toString());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another writer owns them now and replays from the committed offsets; so do
            // we
            // for the rest
            try {
                this.staging.discard();
                Set<TopicPartition> kept = new java.util.HashSet<>(this.kafka.assignment());
                kept.removeAll(partitions);
                rewind(kept);
            }
            catch (Exception ex) {
                log.warn("Could not drop the lake cycle of lost partitions: {}", ex.toString());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

    }

}
