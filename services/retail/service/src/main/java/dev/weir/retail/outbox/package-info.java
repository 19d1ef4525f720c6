/**
 * The transactional outbox: every change of the Retail service records its event in the
 * transaction that makes it ({@link Outbox}), and a relay, one per database, publishes
 * the events to Kafka topic {@code weir.events.retail} in order per key. Design:
 * {@code docs/design/outbox.md}.
 */
package dev.weir.retail.outbox;
