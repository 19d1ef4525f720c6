package dev.weir.ingest.pull.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.definition.Templates;
import dev.weir.ingest.pull.run.RequestPlanner.PlannedPage;
import dev.weir.ingest.pull.spi.BadPageException;
import dev.weir.ingest.pull.spi.Page;
import dev.weir.ingest.pull.spi.PageState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a fetched page into what its commit publishes and records: the stream's records
 * (fields added, keyed by the primary key, older than the incremental cursor filtered
 * out), dead letters for the records that cannot be published, the state of the next
 * page, and the partitions of child streams the page lists. Touches nothing outside: the
 * commit does.
 */
final class PageAssembler {

    private final RawRecords raw;

    private final int maxRecordBytes;

    PageAssembler(RawRecords raw, int maxRecordBytes) {
        this.raw = raw;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * A page ready to commit.
     *
     * @param records the records to publish
     * @param deadLetters records that cannot be published, for the dead-letter topic
     * @param reasons why, one per dead letter
     * @param filtered records older than the incremental cursor, not published
     * @param cursorMax the greatest cursor value among the records, or null
     * @param next the state of the next page, or null when this was the last
     * @param children partitions of child streams the page lists
     * @param selected records the page held, published or not
     */
    record Assembled(List<ProducerRecord<String, byte[]>> records, List<ProducerRecord<String, byte[]>> deadLetters,
            List<String> reasons, int filtered, String cursorMax, PageState next,
            List<CheckpointRepository.Partition> children, int selected) {

        /** What Kafka must acknowledge before the page is done. */
        List<ProducerRecord<String, byte[]>> toPublish() {
            List<ProducerRecord<String, byte[]>> all = new ArrayList<>(this.records);
            all.addAll(this.deadLetters);
            return all;
        }

    }

    /**
     * Reads the page fetched for {@code state}.
     * @throws BadPageException when the page does not have the shape the stream expects
     * (the whole page is then a dead letter)
     */
    Assembled assemble(PullRun.Streamed streamed, PlannedPage page, Fetch.Fetched fetched, PageState state,
            Map<String, JsonNode> bindings, String cursor, RawRecords.Origin origin) {
        List<JsonNode> selected = streamed.selector().select(fetched.body());
        PageState next = streamed.paginator()
            .next(state,
                    new Page(page.request().uri(), fetched.response().status(), fetched.response().headers(),
                            fetched.body()),
                    selected.size())
            .orElse(null);
        StreamConfig stream = streamed.config();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(selected.size());
        List<ProducerRecord<String, byte[]>> dead = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int filtered = 0;
        String cursorMax = null;
        for (JsonNode selectedRecord : selected) {
            if (!(selectedRecord instanceof ObjectNode record)) {
                String reason = "record is not a JSON object";
                dead.add(this.raw.deadLetter(null, bytes(selectedRecord), reason, null, origin));
                reasons.add(reason);
                continue;
            }
            stream.addFields().forEach((field, template) -> {
                try {
                    record.set(field, Templates.value(template, bindings));
                }
                catch (IllegalArgumentException ex) {
                    record.putNull(field);
                }
            });
            String key = key(record, stream.primaryKey());
            if (key == null) {
                String reason = "primary key " + String.join(", ", stream.primaryKey()) + " is missing or not a value";
                dead.add(this.raw.deadLetter(null, bytes(record), reason, null, origin));
                reasons.add(reason);
                continue;
            }
            if (stream.incremental() != null) {
                JsonNode value = Templates.field(record, stream.incremental().cursorField());
                if (value != null && value.isValueNode() && !value.isNull()) {
                    String text = value.asString();
                    if (cursor != null && Cursors.compare(text, cursor) < 0) {
                        filtered++;
                        continue;
                    }
                    cursorMax = Cursors.greatest(cursorMax, text);
                }
            }
            byte[] value = bytes(record);
            if (value.length > this.maxRecordBytes) {
                String reason = "record of " + value.length + " bytes is larger than weir.ingest.max-record-bytes";
                dead.add(this.raw.deadLetter(key, value, reason, null, origin));
                reasons.add(reason);
                continue;
            }
            records.add(this.raw.record(key, value, eventTime(record, stream), origin));
        }
        return new Assembled(records, dead, reasons, filtered, cursorMax, next, children(streamed, selected),
                selected.size());
    }

    private List<CheckpointRepository.Partition> children(PullRun.Streamed streamed, List<JsonNode> records) {
        if (streamed.children().isEmpty()) {
            return List.of();
        }
        Map<String, CheckpointRepository.Partition> partitions = new LinkedHashMap<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                continue;
            }
            String key = key(record, streamed.config().primaryKey());
            if (key == null) {
                continue;
            }
            String json = EngineJson.write(record);
            for (StreamConfig child : streamed.children()) {
                partitions.putIfAbsent(child.name() + "\u0000" + key,
                        new CheckpointRepository.Partition(child.name(), key, json));
            }
        }
        return new ArrayList<>(partitions.values());
    }

    /**
     * The record's own time, from the stream's {@code time_field}: null (the fetch time)
     * when the stream has none, or the record's value is missing or not a time.
     */
    private static Instant eventTime(JsonNode record, StreamConfig stream) {
        return (stream.timeField() != null) ? EventTimes.parse(Templates.field(record, stream.timeField())) : null;
    }

    /** The record's key: its one primary key value, or a JSON array of several. */
    static String key(JsonNode record, List<String> primaryKey) {
        List<String> values = new ArrayList<>(primaryKey.size());
        for (String field : primaryKey) {
            JsonNode value = Templates.field(record, field);
            if (value == null || value.isNull() || !value.isValueNode()) {
                return null;
            }
            values.add(value.asString());
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        return EngineJson.write(values);
    }

    static byte[] bytes(JsonNode node) {
        return EngineJson.PAGES.writeValueAsBytes(node);
    }

}
