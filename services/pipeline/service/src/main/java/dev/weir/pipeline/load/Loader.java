package dev.weir.pipeline.load;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.Table;
import dev.weir.pipeline.system.Datasets;
import dev.weir.pipeline.system.PipelineProperties;
import dev.weir.pipeline.system.PipelineTopics;
import dev.weir.platform.launch.BackgroundPriority;

/**
 * The warehouse loader: a consumer ({@code read_committed}) of the clean, dead-letter and
 * tally topics of the handled datasets that loads each poll as one PostgreSQL transaction
 * together with its offsets ({@link WarehouseRepository}). Its positions live only in
 * {@code warehouse.loader_offset}: on every assignment, and after any failed batch, it
 * seeks to them. Loaders with the same group share the partitions. The next poll is read
 * while a batch is written (one batch in flight, written by a thread of its own).
 */
@Component
public class Loader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Loader.class);

    private final Datasets datasets;

    private final WarehouseRepository warehouse;

    private final LoadMetrics metrics;

    private final PipelineProperties properties;

    private final KafkaProperties kafka;

    /** Where this loader believes each assigned partition stands (null: never loaded). */
    private final Map<TopicPartition, Long> expected = new ConcurrentHashMap<>();

    private volatile KafkaConsumer<byte[], byte[]> consumer;

    private volatile Thread thread;

    private volatile boolean running;

    private volatile Instant lastBatchAt;

    /** Writes batches, one at a time, while the consumer thread reads the next. */
    private volatile ExecutorService writer;

    /** The batch being written (the consumer thread's only). */
    private InFlight inFlight;

    Loader(Datasets datasets, WarehouseRepository warehouse, LoadMetrics metrics, PipelineProperties properties,
            KafkaProperties kafka) {
        this.datasets = datasets;
        this.warehouse = warehouse;
        this.metrics = metrics;
        this.properties = properties;
        this.kafka = kafka;
    }

    /** The topics the loader reads. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (Dataset dataset : this.datasets.all()) {
            topics.add(PipelineTopics.clean(dataset.name()));
            topics.add(PipelineTopics.deadLetters(dataset.name()));
        }
        topics.add(PipelineTopics.TALLY);
        return topics;
    }

    /** When the last batch was loaded by this process, or null. */
    public Instant lastBatchAt() {
        return this.lastBatchAt;
    }

    @Override
    public synchronized void start() {
        this.running = true;
        if (!this.properties.loader().enabled()) {
            return;
        }
        this.consumer = new KafkaConsumer<>(config(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.writer = Executors
            .newSingleThreadExecutor((task) -> new Thread(BackgroundPriority.lowered(task), "pipeline-loader-writer"));
        this.thread = new Thread(BackgroundPriority.lowered(this::run), "pipeline-loader");
        this.thread.start();
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        KafkaConsumer<byte[], byte[]> current = this.consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread loop = this.thread;
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(30));
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

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = this.consumer) {
            kafkaConsumer.subscribe(topics(), new Positions(kafkaConsumer));
            while (this.running) {
                ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(this.properties.loader().pollTimeout());
                if (records.isEmpty()) {
                    settle(kafkaConsumer);
                    continue;
                }
                load(kafkaConsumer, records);
            }
        }
        catch (WakeupException ex) {
            if (this.running) {
                log.error("The loader was woken up while running", ex);
            }
        }
        catch (RuntimeException ex) {
            log.error("The loader stopped", ex);
        }
        finally {
            InFlight last = this.inFlight;
            if (last != null) {
                last.outcome().join();
            }
            this.writer.shutdown();
        }
    }

    /**
     * Reads a poll's records into a batch while the previous batch is still being written
     * (one writer thread, one batch in flight), then hands it to the writer once the
     * previous one is committed. A batch is only read ahead, never written ahead: its
     * expected offsets are those after the previous batch, and when that one fails the
     * batch read ahead is dropped and the consumer seeks to the stored offsets.
     */
    private void load(KafkaConsumer<byte[], byte[]> kafkaConsumer, ConsumerRecords<byte[], byte[]> records) {
        LoadBatch batch;
        try {
            batch = LoadBatch.of(records, this.datasets);
        }
        catch (RuntimeException ex) {
            if (!settle(kafkaConsumer)) {
                return;
            }
            // a record of a clean topic that is not a row: a bug upstream; never skip it
            // silently
            log.error("A batch of {} records could not be read; retrying it", records.count(), ex);
            pause();
            seekToStored(kafkaConsumer);
            return;
        }
        if (!settle(kafkaConsumer)) {
            return;
        }
        for (Map.Entry<String, LoadBatch.DatasetLoad> dataset : batch.datasets.entrySet()) {
            int staged = batch.rows.entrySet()
                .stream()
                .filter((table) -> dataset.getKey().equals(this.datasets.datasetOf(table.getKey())))
                .mapToInt((table) -> table.getValue().size())
                .sum();
            batch.count(dataset.getKey(), "loaded.superseded_in_batch", dataset.getValue().rows - staged);
        }
        Map<TopicPartition, Long> expectedNow = new HashMap<>(this.expected);
        this.inFlight = new InFlight(batch,
                CompletableFuture.supplyAsync(() -> write(batch, expectedNow), this.writer));
    }

    /** On the writer thread: the batch and its offsets in one transaction. */
    private Outcome write(LoadBatch batch, Map<TopicPartition, Long> expectedNow) {
        try {
            Map<Table, int[]> written = this.warehouse.write(batch, expectedNow, this.datasets::datasetOf);
            this.lastBatchAt = Instant.now();
            this.metrics.loaded(batch, written, this.datasets);
            if (log.isDebugEnabled()) {
                log.debug(
                        "Loaded {} records: read {} ms, COPY to staging {} ms, upsert {} ms, the rest and commit {} ms",
                        batch.records, batch.readNanos / 1_000_000, batch.stageNanos / 1_000_000,
                        batch.upsertNanos / 1_000_000, batch.commitNanos / 1_000_000);
            }
            return Outcome.LOADED;
        }
        catch (WarehouseRepository.OffsetMovedException ex) {
            log.info("Batch not loaded: {}; seeking to the stored offsets", ex.getMessage());
            return Outcome.OFFSET_MOVED;
        }
        catch (SQLException | RuntimeException ex) {
            log.warn("Batch of {} records not loaded ({}); retrying from the stored offsets", batch.records,
                    ex.getMessage());
            this.metrics.failed();
            return Outcome.FAILED;
        }
    }

    /**
     * Waits for the batch in flight, if any: when it was loaded, its partitions stand
     * after it; otherwise the consumer seeks to the stored offsets (after a pause when it
     * failed).
     * @return whether the batch in flight (or none) was loaded
     */
    private boolean settle(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        InFlight current = this.inFlight;
        if (current == null) {
            return true;
        }
        this.inFlight = null;
        Outcome outcome = current.outcome().join();
        if (outcome == Outcome.LOADED) {
            this.expected.putAll(current.batch().nextOffsets);
            return true;
        }
        if (outcome == Outcome.FAILED) {
            pause();
        }
        seekToStored(kafkaConsumer);
        return false;
    }

    /** How writing a batch ended. */
    private enum Outcome {

        LOADED, OFFSET_MOVED, FAILED

    }

    /** The batch being written, and how it ends. */
    private record InFlight(LoadBatch batch, CompletableFuture<Outcome> outcome) {
    }

    private void seekToStored(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        List<TopicPartition> assigned = new ArrayList<>(kafkaConsumer.assignment());
        while (this.running) {
            try {
                seek(kafkaConsumer, assigned);
                return;
            }
            catch (SQLException ex) {
                log.warn("Could not read the loader's offsets ({}); retrying", ex.getMessage());
                pause();
            }
        }
    }

    private void seek(KafkaConsumer<byte[], byte[]> kafkaConsumer, Collection<TopicPartition> partitions)
            throws SQLException {
        Map<TopicPartition, Long> stored = this.warehouse.offsets(new ArrayList<>(partitions));
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset != null) {
                kafkaConsumer.seek(partition, offset);
                this.expected.put(partition, offset);
            }
            else {
                fresh.add(partition);
                this.expected.remove(partition);
            }
        }
        if (!fresh.isEmpty()) {
            kafkaConsumer.seekToBeginning(fresh);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, this.properties.loader().groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, this.properties.loader().maxBatch());
        // the default (1 MiB per partition) cut a backlog of rides into polls of ~3,800
        // records, and every transaction has a fixed cost (the aggregates' statements,
        // the
        // commit): let one poll reach max-batch
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-pipeline-loader-" + ProcessHandle.current().pid());
        return config;
    }

    /** Seeks newly assigned partitions to their stored offsets. */
    private final class Positions implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> kafkaConsumer;

        Positions(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
            this.kafkaConsumer = kafkaConsumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // the batch in flight is committed or failed before the partitions go
            settle(this.kafkaConsumer);
            partitions.forEach(Loader.this.expected::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                seek(this.kafkaConsumer, partitions);
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Could not read the loader's offsets", ex);
            }
        }

    }

}
