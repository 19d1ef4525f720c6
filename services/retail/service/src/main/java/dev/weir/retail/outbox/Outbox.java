package dev.weir.retail.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where every change of the Retail service records its event: a row of
 * {@code retail.outbox}, written in the transaction of the change, so the event exists
 * exactly when the change committed (a rolled-back change leaves none). The
 * {@link OutboxRelay} publishes the rows to Kafka. Callers append only when something
 * changed: a write that changes nothing has no event.
 * <p>
 * The event's data is the resource as the REST API shows it: pass the response record,
 * and the service's own JSON mapper (snake_case) writes it.
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
     * @param data the resource as the REST API shows it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(RetailEvent event, String aggregateId, Object data) {
        this.rows.insert(event.type(), aggregateId, aggregateId, this.json.writeValueAsString(data));
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
     * @param json the event's data as JSON, in the conventions of the REST API's
     * (snake_case names)
     */
    public static void append(Connection connection, RetailEvent event, String key, String subject, String json)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OutboxRepository.INSERT)) {
            insert.setString(1, event.type());
            insert.setString(2, key);
            insert.setString(3, subject);
            insert.setString(4, json);
            insert.executeUpdate();
        }
        try (Statement notify = connection.createStatement()) {
            notify.execute("NOTIFY " + CHANNEL);
        }
    }

}
