package dev.weir.retail.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything on topic {@code weir.events.retail} of a broker, read from the start of
 * every partition as it arrives: tests pick their own events by subject.
 */
public final class EventLog implements AutoCloseable {

    public static final String TOPIC = "weir.events.retail";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final KafkaConsumer<String, byte[]> consumer;

    private final List<Event> events = new ArrayList<>();

    private boolean assigned;

    public EventLog(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every event read so far whose subject is one of these, in the order of arrival. */
    public synchronized List<Event> about(String... subjects) {
        List<String> wanted = List.of(subjects);
        return this.events.stream().filter((event) -> wanted.contains(event.cloudEvent().getSubject())).toList();
    }

    /**
     * Reads until at least {@code count} events match, within 60 s, then on to the end of
     * the topic as it is then; returns every match. Reading on to the end means that a
     * duplicate published with the events (or any event too many) is among the matches,
     * so {@code hasSize(count)} can fail, which it could not if reading stopped at the
     * {@code count}th match.
     */
    public synchronized List<Event> await(Predicate<Event> matching, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            poll();
            return this.events.stream().filter(matching).count() >= count;
        });
        readToEnd();
        return this.events.stream().filter(matching).toList();
    }

    /** Reads every partition up to its end offset as it is now. */
    private void readToEnd() {
        Map<TopicPartition, Long> end = this.consumer.endOffsets(this.consumer.assignment(), Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            poll();
            return end.entrySet()
                .stream()
                .allMatch((partition) -> this.consumer.position(partition.getKey()) >= partition.getValue());
        });
    }

    /** Reads until at least {@code count} events have one of these subjects. */
    public List<Event> awaitAbout(int count, String... subjects) {
        List<String> wanted = List.of(subjects);
        return await((event) -> wanted.contains(event.cloudEvent().getSubject()), count);
    }

    /** Reads what arrived since the last call. */
    public synchronized void poll() {
        if (!this.assigned) {
            List<PartitionInfo> partitions = this.consumer.listTopics(Duration.ofSeconds(5)).get(TOPIC);
            if (partitions == null) {
                return;
            }
            List<TopicPartition> all = partitions.stream()
                .map((partition) -> new TopicPartition(TOPIC, partition.partition()))
                .toList();
            this.consumer.assign(all);
            this.consumer.seekToBeginning(all);
            this.assigned = true;
        }
        for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
            this.events.add(Event.of(record));
        }
    }

    @Override
    public void close() {
        this.consumer.close();
    }

    /**
     * A record of the topic.
     *
     * @param key the record key
     * @param partition its partition
     * @param headers its headers, as text
     * @param cloudEvent the CloudEvent of its value
     * @param envelope its value as JSON
     */
    public record Event(String key, int partition, Map<String, String> headers, CloudEvent cloudEvent,
            JsonNode envelope) {

        static Event of(ConsumerRecord<String, byte[]> record) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            return new Event(record.key(), record.partition(), headers, FORMAT.deserialize(record.value()),
                    JSON.readTree(record.value()));
        }

        public String type() {
            return this.cloudEvent.getType();
        }

        public String subject() {
            return this.cloudEvent.getSubject();
        }

        public String id() {
            return this.cloudEvent.getId();
        }

        /** The event's data as JSON. */
        public JsonNode data() {
            return this.envelope.get("data");
        }

    }

}
