package dev.weir.ingest.lake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.weir.platform.kafka.Envelope;

/**
 * What the lake keeps of one Kafka record: its event (read from the envelope, or, for a
 * value that is not one, its bare JSON with the record's metadata) and where it was.
 *
 * @param id the event's id (the envelope's; for a bare value its {@code weir-event-id}
 * header, or {@code <topic>-<partition>-<offset>})
 * @param time the event time (the envelope's; else the record's timestamp)
 * @param source the CloudEvents source, or null
 * @param type the CloudEvents type, or null
 * @param subject the CloudEvents subject, or null
 * @param data the event's data: JSON text (base64 for data that is not JSON)
 */
record LakeRecord(String id, Instant time, String source, String type, String subject, String data) {

    static LakeRecord of(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        try {
            Envelope envelope = Envelope.parse(value);
            String data = envelope.isJson() ? envelope.dataText() : Base64.getEncoder().encodeToString(envelope.data());
            return new LakeRecord(envelope.id(), envelope.time(), envelope.source().toString(), envelope.type(),
                    envelope.subject(), data);
        }
        catch (Envelope.MalformedEnvelopeException ex) {
            String id = Envelope.header(record, Envelope.EVENT_ID_HEADER);
            if (id == null) {
                id = record.topic() + "-" + record.partition() + "-" + record.offset();
            }
            return new LakeRecord(id, Instant.ofEpochMilli(record.timestamp()), null,
                    Envelope.header(record, Envelope.EVENT_TYPE_HEADER), record.key(),
                    new String(value, StandardCharsets.UTF_8));
        }
    }

}
