package dev.weir.pipeline.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.dlq.DeadLetterRepository.StoredDeadLetter;
import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterCounts;
import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterDetail;
import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterPage;
import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterSummary;
import dev.weir.pipeline.dlq.DeadLetterViews.OriginalAt;
import dev.weir.pipeline.dlq.DeadLetterViews.ReplayResponse;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.system.Datasets;
import dev.weir.pipeline.system.PipelineTopics;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * Dead letters: listing, showing, and replaying them. A replay sends the original record
 * (key, value, headers) to {@code weir.commands.replay-<dataset>} with the header
 * {@code weir-replay-of}; the clean stage cleans a replayed dead letter at most once.
 */
@Service
public class DeadLetterService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeadLetterRepository repository;

    private final Datasets datasets;

    private final KafkaTemplate<byte[], byte[]> kafka;

    DeadLetterService(DeadLetterRepository repository, Datasets datasets, KafkaTemplate<byte[], byte[]> kafka) {
        this.repository = repository;
        this.datasets = datasets;
        this.kafka = kafka;
    }

    public DeadLetterCounts counts() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        this.datasets.all().forEach((dataset) -> counts.put(dataset.name(), new LinkedHashMap<>()));
        this.repository.counts()
            .forEach((entry) -> counts.computeIfAbsent(entry.getKey(), (d) -> new LinkedHashMap<>())
                .put(entry.getValue().getKey(), entry.getValue().getValue()));
        return new DeadLetterCounts(counts);
    }

    public DeadLetterPage list(String dataset, String rule, String after, int limit) {
        this.datasets.get(dataset);
        long[] from = (after != null) ? id("after", "query", after) : new long[] { -1, -1 };
        List<StoredDeadLetter> rows = this.repository.list(dataset, rule, (int) from[0], from[1], limit);
        List<DeadLetterSummary> items = rows.stream().map(DeadLetterService::summary).toList();
        String next = (rows.size() == limit) ? rows.get(rows.size() - 1).id() : null;
        return new DeadLetterPage(items, next);
    }

    public DeadLetterDetail show(String dataset, String id) {
        this.datasets.get(dataset);
        long[] at = id("id", "path", id);
        StoredDeadLetter letter = this.repository.get(dataset, (int) at[0], at[1])
            .orElseThrow(() -> WeirException.notFound("No such dead letter",
                    "There is no dead letter " + id + " of " + dataset));
        byte[] value = letter.originalValue();
        return new DeadLetterDetail(summary(letter), map(letter.originalHeaders()),
                (value != null) ? text(value) : null,
                (value != null) ? Base64.getEncoder().encodeToString(value) : null, map(letter.provenance()),
                letter.replayOf());
    }

    /**
     * Replays dead letters of a dataset; waits until Kafka acknowledged every one before
     * marking them replayed.
     */
    public ReplayResponse replay(String dataset, List<String> ids, String rule) {
        this.datasets.get(dataset);
        List<StoredDeadLetter> letters = new ArrayList<>();
        if (ids != null && !ids.isEmpty()) {
            for (String id : ids) {
                long[] at = id("ids", "body", id);
                letters.add(this.repository.get(dataset, (int) at[0], at[1])
                    .orElseThrow(() -> WeirException.notFound("No such dead letter",
                            "There is no dead letter " + id + " of " + dataset)));
            }
        }
        else {
            letters.addAll(this.repository.byRule(dataset, rule));
        }
        List<StoredDeadLetter> replayable = letters.stream()
            .filter((letter) -> "pipeline".equals(letter.stage()) && letter.originalValue() != null)
            .toList();
        List<CompletableFuture<SendResult<byte[], byte[]>>> acks = new ArrayList<>();
        for (StoredDeadLetter letter : replayable) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(PipelineTopics.replay(dataset), null,
                    (letter.originalKey() != null) ? letter.originalKey().getBytes(StandardCharsets.UTF_8) : null,
                    letter.originalValue());
            map(letter.originalHeaders()).forEach((name, value) -> {
                if (!name.equals(RawRecord.REPLAY_OF_HEADER)) {
                    record.headers().add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
                }
            });
            record.headers()
                .add(RawRecord.REPLAY_OF_HEADER,
                        (PipelineTopics.deadLetters(dataset) + "/" + letter.partition() + "/" + letter.offset())
                            .getBytes(StandardCharsets.UTF_8));
            acks.add(this.kafka.send(record));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw WeirException.unavailable("Replay interrupted", "The replay was interrupted; replay again");
        }
        catch (ExecutionException | TimeoutException ex) {
            throw WeirException.unavailable("Kafka unavailable",
                    "Kafka did not acknowledge the replayed records: " + ex.getMessage());
        }
        replayable.forEach(this.repository::replayed);
        return new ReplayResponse(dataset, replayable.size(), letters.size() - replayable.size(),
                replayable.stream().map(StoredDeadLetter::id).toList());
    }

    private static DeadLetterSummary summary(StoredDeadLetter letter) {
        return new DeadLetterSummary(letter.id(), letter.dataset(), letter.stage(), letter.rule(), letter.reason(),
                letter.deadAt(),
                new OriginalAt(letter.originalTopic(), letter.originalPartition(), letter.originalOffset(),
                        letter.originalKey()),
                "pipeline".equals(letter.stage()), letter.replayedAt(), letter.replayCount());
    }

    /**
     * {@code <partition>-<offset>}, else a problem naming {@code field} where the client
     * sent it ({@code in}: query, path or body).
     */
    private static long[] id(String field, String in, String id) {
        int dash = id.indexOf('-');
        try {
            if (dash > 0) {
                return new long[] { Integer.parseInt(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)) };
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw WeirException
            .invalid(new FieldError(field, in, "'" + id + "' is not a dead letter id <partition>-<offset>"));
    }

    private static Map<String, Object> map(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static String text(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

}
