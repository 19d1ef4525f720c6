package dev.weir.pipeline.retail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.system.PipelineProperties;
import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.kafka.EventIds;
import dev.weir.platform.launch.BackgroundPriority;
import dev.weir.platform.security.ServiceToken;

/**
 * Reads the Retail API's export ({@code GET /export/{entity}}, NDJSON pages) into
 * {@code weir.raw.retail} after each bulk import ({@code weir.retail.import.finished} on
 * {@code weir.events.retail}) and once at the first start: a bulk import publishes one
 * summary event, not its lines. One process reads at a time (a PostgreSQL advisory lock);
 * the position moves after Kafka acknowledged each page, so a crash re-reads at most a
 * page (repeats are dropped by the clean stage).
 */
@Component
class RetailExportReader implements SmartLifecycle {

    static final String EXPORT_TYPE = "weir.retail.export.";

    private static final Logger log = LoggerFactory.getLogger(RetailExportReader.class);

    private static final long LOCK = 0x5765697252657461L; // "WeirReta"

    private final RetailExportRepository positions;

    private final DataSource dataSource;

    private final KafkaTemplate<byte[], byte[]> kafka;

    private final KafkaProperties kafkaProperties;

    private final PipelineProperties properties;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private volatile boolean running;

    private volatile KafkaConsumer<byte[], byte[]> consumer;

    private final List<Thread> threads = new ArrayList<>();

    private final ServiceToken token;

    RetailExportReader(RetailExportRepository positions, DataSource dataSource, KafkaTemplate<byte[], byte[]> kafka,
            KafkaProperties kafkaProperties, PipelineProperties properties, ServiceToken token) {
        this.token = token;
        this.positions = positions;
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.kafkaProperties = kafkaProperties;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        this.running = true;
        if (!this.properties.retail().export() || !this.properties.handles("retail")) {
            return;
        }
        this.positions.requestIfNeverRead();
        this.threads.add(Thread.ofPlatform()
            .name("pipeline-retail-imports")
            .start(BackgroundPriority.lowered(this::followImports)));
        this.threads.add(Thread.ofPlatform()
            .name("pipeline-retail-export")
            .start(BackgroundPriority.lowered(this::readWhenAsked)));
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        KafkaConsumer<byte[], byte[]> current = this.consumer;
        if (current != null) {
            current.wakeup();
        }
        for (Thread thread : this.threads) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        this.threads.clear();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    /** Asks for a read after every committed bulk import. */
    private void followImports() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", this.kafkaProperties.getBootstrapServers()), ConsumerConfig.GROUP_ID_CONFIG,
                this.properties.clean().applicationIdPrefix() + "-retail-imports",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> imports = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            this.consumer = imports;
            imports.subscribe(List.of(RetailDataset.EVENTS_TOPIC));
            while (this.running) {
                boolean asked = false;
                for (ConsumerRecord<byte[], byte[]> record : imports.poll(Duration.ofSeconds(1))) {
                    if ("weir.retail.import.finished".equals(Envelope.header(record, Envelope.EVENT_TYPE_HEADER))) {
                        asked = true;
                    }
                }
                if (asked) {
                    this.positions.request();
                    log.info("A bulk import finished: reading the Retail export");
                }
                imports.commitSync();
            }
        }
        catch (WakeupException ex) {
            // stopping
        }
        catch (RuntimeException ex) {
            log.error("Following the Retail service's imports failed", ex);
        }
    }

    private void readWhenAsked() {
        while (this.running) {
            try {
                if (this.positions.next().isPresent()) {
                    readLocked();
                }
                Thread.sleep(1000);
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (RuntimeException | SQLException | IOException ex) {
                log.warn("Reading the Retail export failed ({}); retrying", ex.getMessage());
                try {
                    Thread.sleep(5000);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void readLocked() throws SQLException, IOException, InterruptedException {
        try (Connection lock = this.dataSource.getConnection()) {
            if (!advisory(lock, "pg_try_advisory_lock")) {
                return;
            }
            try {
                RetailExportRepository.Position position;
                while (this.running && (position = this.positions.next().orElse(null)) != null) {
                    read(position);
                }
            }
            finally {
                advisory(lock, "pg_advisory_unlock");
            }
        }
    }

    private void read(RetailExportRepository.Position position) throws IOException, InterruptedException {
        String entity = position.entity();
        String after = position.afterKey();
        if (after.isEmpty()) {
            this.positions.started(entity);
        }
        long rows = 0;
        Instant started = Instant.now();
        while (this.running) {
            HttpResponse<String> page = page(entity, after);
            List<CompletableFuture<SendResult<byte[], byte[]>>> acks = new ArrayList<>();
            String last = after;
            int count = 0;
            for (String line : page.body().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] json = line.getBytes(StandardCharsets.UTF_8);
                JsonNode row = JsonValues.parse(json);
                String key = key(entity, row);
                Envelope envelope = new Envelope(EventIds.next(), URI.create("/weir/pipeline/retail-export"),
                        EXPORT_TYPE + type(entity), key, Instant.now(), Envelope.JSON, json);
                acks.add(this.kafka.send(new ProducerRecord<>(RetailDataset.EXPORT_TOPIC, null,
                        key.getBytes(StandardCharsets.UTF_8), envelope.toValue(), envelope.headers())));
                last = key;
                count++;
            }
            awaitAcks(acks);
            rows += count;
            String next = page.headers().firstValue("Weir-Next-After").orElse(null);
            if (next == null) {
                this.positions.advanced(entity, last, count);
                this.positions.finished(entity);
                log.info("Read the Retail export of {}: {} rows in {} ms", entity, rows,
                        Duration.between(started, Instant.now()).toMillis());
                return;
            }
            this.positions.advanced(entity, next, count);
            after = next;
        }
    }

    private HttpResponse<String> page(String entity, String after) throws IOException, InterruptedException {
        URI uri = this.properties.retail()
            .url()
            .resolve("/export/" + entity + "?limit=" + this.properties.retail().pageSize() + "&after="
                    + URLEncoder.encode(after, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        // Retail checks this service's token like any caller's (retail.read)
        String authorization;
        try {
            authorization = this.token.authorization();
        }
        catch (IllegalStateException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response;
    }

    private static void awaitAcks(List<CompletableFuture<SendResult<byte[], byte[]>>> acks)
            throws InterruptedException, IOException {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IOException("Kafka did not acknowledge a page of the Retail export: " + ex.getMessage(), ex);
        }
    }

    private static String key(String entity, JsonNode row) {
        return switch (entity) {
            case "customers" -> JsonValues.text(row, "customer_id");
            case "stock-codes" -> JsonValues.text(row, "stock_code");
            default -> JsonValues.text(row, "invoice_no");
        };
    }

    private static String type(String entity) {
        return switch (entity) {
            case "customers" -> "customer";
            case "stock-codes" -> "stock_code";
            default -> "invoice";
        };
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + function + "(" + LOCK + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }

}
