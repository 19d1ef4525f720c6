package dev.weir.pipeline.reconcile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import dev.weir.platform.security.ServiceToken;
import dev.weir.pipeline.health.PipelineLag;
import dev.weir.pipeline.reconcile.Reconciliation.Check;
import dev.weir.pipeline.reconcile.Reconciliation.Stage;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.Table;
import dev.weir.pipeline.system.Datasets;
import dev.weir.pipeline.system.PipelineProperties;
import dev.weir.pipeline.system.PipelineTopics;
import dev.weir.platform.error.WeirException;

/**
 * Counts a dataset at every stage — the source (what the connector fetched, what the
 * Retail service holds), raw on Kafka, read by the clean stage, cleaned / dead-lettered
 * (by rule) / repeats / ignored, rows produced, rows loaded, rows in the warehouse — and
 * checks that each stage accounts for the one before it. The clean stage's and the
 * loader's counts are exact ({@code warehouse.pipeline_count}, written in the loader's
 * transactions).
 */
@Service
public class ReconcileService {

    private final Datasets datasets;

    private final ReconcileRepository repository;

    private final KafkaAdmin kafkaAdmin;

    private final PipelineProperties properties;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final ServiceToken token;

    ReconcileService(Datasets datasets, ReconcileRepository repository, KafkaAdmin kafkaAdmin,
            PipelineProperties properties, ServiceToken token) {
        this.token = token;
        this.datasets = datasets;
        this.repository = repository;
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
    }

    public Reconciliation reconcile(String name) {
        Dataset dataset = this.datasets.get(name);
        Map<String, Long> counters = this.repository.counters(name);
        List<Stage> stages = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        long onKafka = rawOnKafka(dataset);
        long read = counters.getOrDefault("raw", 0L);
        long cleaned = counters.getOrDefault("cleaned", 0L);
        long dead = counters.getOrDefault("dead_letter", 0L);
        long duplicate = counters.getOrDefault("duplicate", 0L);
        long ignored = counters.getOrDefault("ignored", 0L);
        long rows = counters.getOrDefault("rows", 0L);
        source(dataset, stages, checks, onKafka);
        stages.add(new Stage("raw on Kafka", onKafka,
                "records on " + String.join(", ", dataset.sources().stream().map(Dataset.SourceTopic::name).toList())
                        + " and the replay topic"));
        stages.add(new Stage("read by the clean stage", read, "raw records the clean stage committed"));
        stages.add(new Stage("cleaned", cleaned, "records that gave new rows"));
        stages.add(new Stage("dead-lettered", dead, "records a rule rejected"));
        stages.add(new Stage("repeats dropped", duplicate, "the same event id, or rows with the same content"));
        stages.add(new Stage("ignored", ignored, "records not for the warehouse, by rule"));
        stages.add(new Stage("rows produced", rows, "rows written to " + PipelineTopics.clean(name)));
        checks.add(new Check("raw on Kafka = read by the clean stage", onKafka == read, onKafka, read,
                (onKafka > read) ? (onKafka - read) + " raw records not cleaned yet (the clean stage is behind)"
                        : (onKafka < read)
                                ? (read - onKafka) + " more read than Kafka holds: records deleted by retention"
                                : null));
        long accounted = cleaned + dead + duplicate + ignored;
        checks.add(new Check("read = cleaned + dead-lettered + repeats + ignored", read == accounted, read, accounted,
                (read != accounted) ? "the clean stage's outcomes do not add up: a bug" : null));
        Map<String, Long> loadedLetters = this.repository.deadLetters(name, "pipeline");
        long lettersLoaded = loadedLetters.values().stream().mapToLong(Long::longValue).sum();
        checks.add(new Check("dead-lettered = dead letters in the warehouse", dead == lettersLoaded, dead,
                lettersLoaded, (dead != lettersLoaded)
                        ? (dead - lettersLoaded) + " dead letters not loaded yet (the loader is behind)" : null));
        long loaded = counters.getOrDefault("loaded.superseded_in_batch", 0L);
        for (Table table : dataset.tables()) {
            long inserted = counters.getOrDefault("loaded." + table.name() + ".inserted", 0L);
            loaded += inserted + counters.getOrDefault("loaded." + table.name() + ".updated", 0L)
                    + counters.getOrDefault("loaded." + table.name() + ".unchanged", 0L);
            long inTable = this.repository.rows(table.name(), null);
            stages.add(new Stage("rows in warehouse." + table.name(), inTable, null));
            checks.add(new Check("rows inserted into " + table.name() + " = rows in it", inserted == inTable, inserted,
                    inTable,
                    (inserted != inTable) ? "rows were deleted from or added to the table outside the loader" : null));
        }
        stages.add(new Stage("rows loaded", loaded, "inserted + updated + unchanged + superseded in their batch"));
        checks.add(new Check("rows produced = rows loaded", rows == loaded, rows, loaded,
                (rows > loaded) ? (rows - loaded) + " rows not loaded yet (the loader is behind)"
                        : (rows < loaded) ? "more rows loaded than produced: a bug" : null));
        Map<String, Long> byRule = new LinkedHashMap<>();
        counters.forEach((counter, value) -> {
            if (counter.startsWith("dead_letter.")) {
                byRule.put(counter.substring("dead_letter.".length()), value);
            }
        });
        boolean reconciled = checks.stream().allMatch(Check::holds);
        return new Reconciliation(name, reconciled, stages, checks, byRule);
    }

    private void source(Dataset dataset, List<Stage> stages, List<Check> checks, long onKafka) {
        switch (dataset.name()) {
            case "retail" -> retailSource(stages, checks);
            case "fhrs", "open-meteo" -> {
                Long fetched = fetched(dataset.name());
                stages.add(new Stage("source: records the connector published", fetched,
                        (fetched != null) ? "the Ingest service's runs of " + dataset.name()
                                : "the Ingest service did not answer at " + this.properties.ingest().url()));
            }
            default -> stages.add(new Stage("source: events push accepted", null,
                    "the Ingest service does not report accepted counts yet; raw on Kafka is what it accepted"));
        }
    }

    private void retailSource(List<Stage> stages, List<Check> checks) {
        JsonNode counts = get(this.properties.retail().url().resolve("/export/counts"));
        if (counts == null) {
            stages.add(new Stage("source: what the Retail service holds", null,
                    "the Retail API did not answer at " + this.properties.retail().url()));
            return;
        }
        compare(stages, checks, "customers", counts.path("customers").asLong(), "retail_customer",
                "deleted_at IS NULL");
        compare(stages, checks, "stock codes", counts.path("stock_codes").asLong(), "retail_product", null);
        compare(stages, checks, "invoices", counts.path("invoices").asLong(), "retail_invoice", null);
        compare(stages, checks, "invoice lines", counts.path("lines").asLong(), "retail_invoice_line", null);
    }

    private void compare(List<Stage> stages, List<Check> checks, String what, long source, String table, String where) {
        long warehouse = this.repository.rows(table, where);
        stages.add(new Stage("source: " + what + " in the Retail service", source, null));
        checks.add(new Check("Retail " + what + " = warehouse." + table, source == warehouse, source, warehouse,
                (source > warehouse)
                        ? (source - warehouse) + " not in the warehouse yet (an export read or events "
                                + "pending, or lost: run `weir reconcile retail` again)"
                        : (source < warehouse) ? (warehouse - source) + " in the warehouse that Retail no longer has"
                                : null));
    }

    private Long fetched(String connector) {
        JsonNode runs = get(this.properties.ingest().url().resolve("/connectors/" + connector + "/runs"));
        if (runs == null) {
            return null;
        }
        JsonNode list = runs.isArray() ? runs : runs.path("runs");
        long total = 0;
        for (JsonNode run : list) {
            total += run.path("records").asLong();
        }
        return total;
    }

    private JsonNode get(URI uri) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            // the other service checks this one's token like any caller's
            String authorization = this.token.authorization();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return (response.statusCode() == 200) ? JsonValues.parse(response.body()) : null;
        }
        catch (IOException | IllegalStateException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private long rawOnKafka(Dataset dataset) {
        List<String> topics = new ArrayList<>();
        dataset.sources().forEach((source) -> topics.add(source.name()));
        topics.add(PipelineTopics.replay(dataset.name()));
        try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
            Map<TopicPartition, Long> ends = PipelineLag.ends(admin, topics);
            Map<TopicPartition, Long> starts = PipelineLag.starts(admin, topics);
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                total += end.getValue() - starts.getOrDefault(end.getKey(), 0L);
            }
            return total;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw WeirException.unavailable("Kafka unavailable", "Interrupted while counting the raw records");
        }
        catch (Exception ex) {
            throw WeirException.unavailable("Kafka unavailable", "Could not count the raw records: " + ex.getMessage());
        }
    }

}
