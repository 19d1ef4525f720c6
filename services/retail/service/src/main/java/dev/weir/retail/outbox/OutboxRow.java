package dev.weir.retail.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event of the outbox as the relay reads it.
 *
 * @param id the row's id: the order of the events of one key
 * @param eventId the CloudEvents id
 * @param type the CloudEvents type
 * @param key the Kafka record key
 * @param subject the CloudEvents subject
 * @param data the event's data, JSON
 * @param occurredAt when the change was written
 */
record OutboxRow(long id, UUID eventId, String type, String key, String subject, String data,
        OffsetDateTime occurredAt) {
}
