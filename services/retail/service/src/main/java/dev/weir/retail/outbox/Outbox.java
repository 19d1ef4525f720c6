package dev.weir.retail.outbox;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of the outbox: where every change of the Retail service records its
 * event, as a row of {@code retail.outbox} written in the transaction of the change, so
 * the event exists exactly when the change committed (a rolled-back change leaves none).
 * The {@link OutboxRelay} publishes the rows to Kafka. Callers append only when something
 * changed: a write that changes nothing has no event.
 * <p>
 * Two callers, one row: the services, in their Spring transactions
 * ({@link #append(RetailEvent, String, Object)}), and the bulk import, on the JDBC
 * connection whose transaction it owns
 * ({@link #append(Connection, RetailEvent, String, String, Record)}). Both write the same
 * statement ({@link OutboxRepository#INSERT}) and data in the REST API's JSON
 * conventions, made here: the service's own mapper writes the services' response records;
 * the import, which has no mapper, has its record written by {@link EventJson}, which
 * writes what that mapper would.
 */
@Service
public class Outbox {

    /** The PostgreSQL channel that wakes the relay of another process. */
    static final String CHANNEL = "retail_outbox";

    private final OutboxRepository rows;

    private final JsonMapper json;

    private final CommitSignal signal;

    Outbox(OutboxRepository rows, JsonMapper json, CommitSignal signal) {
        this.rows = rows;
        this.json = json;
        this.signal = signal;
    }

    /**
     * Records an event about an aggregate whose id is both the record key and the
     * subject. Must run inside the transaction of the change.
     * @param event what happened
     * @param aggregateId the customer id, the invoice number, ...
     * @param data the resource as the REST API shows it (its response record)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(RetailEvent event, String aggregateId, Object data) {
        this.rows.insert(event, aggregateId, aggregateId, this.json.writeValueAsString(data));
        // after the commit, wake the relay (registered once per transaction: a set)
        TransactionSynchronizationManager.registerSynchronization(this.signal);
    }

    /**
     * Records an event on a JDBC connection whose transaction the caller owns (the bulk
     * import), and has PostgreSQL wake the relay when that transaction commits. Meant for
     * rare, large transactions: the notification makes commits that carry one take turns.
     * @param connection a connection in the transaction of the change
     * @param event what happened
     * @param key the Kafka record key
     * @param subject the CloudEvents subject
     * @param data the event's data: a record of strings, numbers, maps and records,
     * written in the REST API's JSON conventions (snake_case names)
     */
    public static void append(Connection connection, RetailEvent event, String key, String subject, Record data)
            throws SQLException {
        OutboxRepository.insert(connection, event, key, subject, EventJson.write(data));
        OutboxRepository.notifyRelay(connection);
    }

}
