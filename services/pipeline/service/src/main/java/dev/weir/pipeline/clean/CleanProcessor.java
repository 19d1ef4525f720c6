package dev.weir.pipeline.clean;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;
import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.launch.BackgroundPriority;

/**
 * Cleans one raw record at a time: drops repeats, runs the dataset's cleaner, forwards
 * rows to {@code clean}, rejections to {@code dlq}, and keeps the counts as pending
 * deltas that a punctuation forwards to {@code tally}. All its state is in changelogged
 * stores, so under {@code exactly_once_v2} what it decided is committed with its outputs
 * and input offsets, or not at all.
 */
final class CleanProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String SEEN_STORE = "seen";

    static final String TALLY_STORE = "tally";

    private static final Logger log = LoggerFactory.getLogger(CleanProcessor.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dataset dataset;

    private final CleanMetrics metrics;

    private final Duration tallyInterval;

    private final Duration repeatRetention;

    private ProcessorContext<byte[], byte[]> context;

    private KeyValueStore<String, String> seen;

    private KeyValueStore<String, Long> tally;

    CleanProcessor(Dataset dataset, CleanMetrics metrics, Duration tallyInterval, Duration repeatRetention) {
        this.dataset = dataset;
        this.metrics = metrics;
        this.tallyInterval = tallyInterval;
        this.repeatRetention = repeatRetention;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        // the stream thread cleans in the background: requests first (once per thread)
        BackgroundPriority.lowerCurrentThread();
        this.context = context;
        this.seen = context.getStateStore(SEEN_STORE);
        this.tally = context.getStateStore(TALLY_STORE);
        context.schedule(this.tallyInterval, PunctuationType.WALL_CLOCK_TIME, (now) -> flushTally(now));
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, (now) -> forgetOldEventIds(now));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = this.context.recordMetadata().orElseThrow();
        Map<String, String> headers = headers(record.headers());
        String key = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null;
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        String replayOf = headers.get(RawRecord.REPLAY_OF_HEADER);
        count("raw", 1);
        if (replayOf != null) {
            count("replayed", 1);
        }
        RawRecord raw;
        try {
            raw = read(where, key, timestamp, headers, record.value(), replayOf);
        }
        catch (RuntimeException ex) {
            RawRecord unreadable = new RawRecord(where.topic(), where.partition(), where.offset(), key, timestamp,
                    headers, null, new byte[0], replayOf);
            deadLetter(unreadable, record.value(), this.dataset.name() + ".unreadable", ex.getMessage());
            return;
        }
        String repeatKey = repeatKey(raw);
        if (repeatKey != null && this.seen.get(repeatKey) != null) {
            outcome("duplicate");
            return;
        }
        Cleaning cleaning;
        try {
            cleaning = this.dataset.cleaner().clean(raw);
        }
        catch (RuntimeException ex) {
            cleaning = Cleaning.reject(this.dataset.name() + ".unreadable",
                    "the record could not be read: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        switch (cleaning) {
            case Cleaning.Rejected rejected -> {
                deadLetter(raw, record.value(), rejected.rule(), rejected.reason());
                // a replay that fails again may be replayed again once fixed
                if (replayOf == null) {
                    remember(repeatKey, raw);
                }
            }
            case Cleaning.Ignored ignored -> {
                outcome("ignored");
                count("ignored." + ignored.rule(), 1);
                this.metrics.rule(this.dataset.name(), ignored.rule());
                remember(repeatKey, raw);
            }
            case Cleaning.Cleaned cleaned -> {
                cleaned(raw, cleaned);
                remember(repeatKey, raw);
            }
        }
    }

    private void cleaned(RawRecord raw, Cleaning.Cleaned cleaned) {
        for (String rule : cleaned.rules()) {
            count("rule." + rule, 1);
            this.metrics.rule(this.dataset.name(), rule);
        }
        int forwarded = 0;
        int index = 0;
        for (Row row : cleaned.rows()) {
            String rowKey = "row:" + row.table().name() + ":" + row.key();
            String hash = contentHash(row);
            if (hash.equals(this.seen.get(rowKey))) {
                count("unchanged_rows", 1);
                index++;
                continue;
            }
            this.seen.put(rowKey, hash);
            Envelope envelope = CleanRecords.row(this.dataset.name(), raw, index++, row);
            this.context.forward(new Record<>(row.key().getBytes(StandardCharsets.UTF_8), envelope.toValue(),
                    this.context.currentSystemTimeMs(), CleanRecords.headers(envelope, raw)), "clean");
            forwarded++;
        }
        count("rows", forwarded);
        this.metrics.rows(this.dataset.name(), forwarded);
        outcome((forwarded == 0 && !cleaned.rows().isEmpty()) ? "duplicate" : "cleaned");
    }

    private void deadLetter(RawRecord raw, byte[] value, String rule, String reason) {
        Envelope letter = CleanRecords.deadLetter(this.dataset.name(), raw, value, rule, reason);
        Headers headers = CleanRecords.headers(letter, raw);
        headers.add(CleanRecords.RULE_HEADER, rule.getBytes(StandardCharsets.UTF_8));
        headers.add(CleanRecords.REASON_HEADER, truncate(reason).getBytes(StandardCharsets.UTF_8));
        byte[] key = (raw.key() != null) ? raw.key().getBytes(StandardCharsets.UTF_8) : null;
        this.context.forward(new Record<>(key, letter.toValue(), this.context.currentSystemTimeMs(), headers), "dlq");
        outcome("dead_letter");
        count("dead_letter." + rule, 1);
        this.metrics.rule(this.dataset.name(), rule);
        log.debug("Dead letter {} of {}: {} ({})", raw.coordinates(), this.dataset.name(), rule, reason);
    }

    private RawRecord read(RecordMetadata where, String key, Instant timestamp, Map<String, String> headers,
            byte[] value, String replayOf) {
        if (value == null) {
            throw new IllegalArgumentException("the record has no value (a tombstone)");
        }
        Envelope envelope = null;
        boolean declared = Envelope.CLOUDEVENTS_JSON.equals(headers.get(Envelope.CONTENT_TYPE_HEADER));
        if (declared || looksLikeEnvelope(value)) {
            try {
                envelope = Envelope.parse(value);
            }
            catch (Envelope.MalformedEnvelopeException ex) {
                if (declared) {
                    throw new IllegalArgumentException("a malformed envelope: " + ex.getMessage());
                }
            }
        }
        byte[] data = (envelope != null) ? envelope.data() : value;
        return new RawRecord(where.topic(), where.partition(), where.offset(), key, timestamp, headers, envelope, data,
                replayOf);
    }

    private static boolean looksLikeEnvelope(byte[] value) {
        int limit = Math.min(value.length, 64);
        String start = new String(value, 0, limit, StandardCharsets.UTF_8);
        return start.stripLeading().startsWith("{\"specversion\"");
    }

    /** What identifies a repeat of this record, or null when its rows' content does. */
    private String repeatKey(RawRecord raw) {
        if (raw.replayOf() != null) {
            return "replay:" + raw.replayOf();
        }
        if (this.dataset.repeats() == Dataset.Repeats.EVENT_ID && raw.eventId() != null) {
            return "id:" + raw.eventId();
        }
        return null;
    }

    private void remember(String repeatKey, RawRecord raw) {
        if (repeatKey != null) {
            this.seen.put(repeatKey, Long.toString(this.context.currentSystemTimeMs()));
        }
    }

    private void outcome(String outcome) {
        count(outcome, 1);
        this.metrics.outcome(this.dataset.name(), outcome);
    }

    private void count(String counter, long delta) {
        if (delta == 0) {
            return;
        }
        Long pending = this.tally.get(counter);
        this.tally.put(counter, (pending != null) ? pending + delta : delta);
    }

    private void flushTally(long now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = this.tally.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                counts.put(entry.key, entry.value);
                keys.add(entry.key);
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        keys.forEach(this.tally::delete);
        Map<String, Object> tally = new LinkedHashMap<>();
        tally.put("dataset", this.dataset.name());
        tally.put("task", this.context.taskId().toString());
        tally.put("counts", counts);
        this.context.forward(new Record<>(this.dataset.name().getBytes(StandardCharsets.UTF_8),
                JSON.writeValueAsBytes(tally), now, new RecordHeaders()), "tally");
    }

    private void forgetOldEventIds(long now) {
        long oldest = now - this.repeatRetention.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> ids = this.seen.range("id:", "id;")) {
            while (ids.hasNext()) {
                KeyValue<String, String> entry = ids.next();
                if (Long.parseLong(entry.value) < oldest) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(this.seen::delete);
    }

    /** A digest of what a row says, not of when it was received or of its version. */
    private static String contentHash(Row row) {
        StringBuilder content = new StringBuilder();
        row.values().forEach((name, value) -> {
            if (!name.equals("received_at") && !name.equals(row.table().versionColumn())) {
                content.append(name).append('=').append(value).append('\u0001');
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : "");
        }
        return map;
    }

    private static String truncate(String text) {
        return (text.length() > 500) ? text.substring(0, 500) : text;
    }

}
