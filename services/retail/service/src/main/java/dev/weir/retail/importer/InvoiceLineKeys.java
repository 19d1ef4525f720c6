package dev.weir.retail.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys of {@code invoice_line} set aside for a bulk load, within the import's
 * transaction: its foreign keys (to {@code invoice} and {@code stock_code}) and its
 * primary key are dropped, the lines are copied, and the same constraints are added back
 * under the same names with the definitions PostgreSQL reported for them
 * ({@code pg_get_constraintdef}: columns, referenced table, {@code ON DELETE},
 * deferrability). Adding them back builds the primary key's index in one sort and checks
 * each foreign key over the whole table with one join, instead of an index insertion and
 * a lookup per line; a line that breaks one fails the import. Because it is all one
 * transaction, no committed state ever lacks a key: a failure or a kill rolls back to the
 * old constraints and rows.
 * <p>
 * Dropping a foreign key takes {@code ACCESS EXCLUSIVE} locks on both its tables, so the
 * three tables are locked first, in one statement, waiting at most the lock timeout (a
 * lock that cannot be had fails the import; it does not leave others queued behind it).
 * They are locked in name order, {@code invoice}, {@code invoice_line},
 * {@code stock_code}, the order in which the API's transactions touch them. The primary
 * key stays when another table's foreign key references it.
 */
final class InvoiceLineKeys {

    private static final String TABLE = "retail.invoice_line";

    /** SQLSTATE lock_not_available: lock_timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Connection connection;

    private final List<Key> keys;

    private InvoiceLineKeys(Connection connection, List<Key> keys) {
        this.connection = connection;
        this.keys = keys;
    }

    /**
     * Locks {@code invoice_line} and the tables its foreign keys reference
     * ({@code ACCESS EXCLUSIVE}, until the transaction ends), waiting at most
     * {@code timeout}.
     * @throws ImportFailedException when the locks cannot be had in time
     */
    static InvoiceLineKeys lock(Connection connection, Duration timeout) throws SQLException {
        List<Key> keys = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(List.of(TABLE));
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT quote_ident(c.conname), pg_get_constraintdef(c.oid), c.contype,
                       quote_ident(n.nspname) || '.' || quote_ident(r.relname)
                FROM pg_constraint c
                LEFT JOIN pg_class r ON r.oid = c.confrelid
                LEFT JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE c.conrelid = 'retail.invoice_line'::regclass
                  AND (c.contype = 'f' OR (c.contype = 'p' AND NOT EXISTS (
                       SELECT FROM pg_constraint f WHERE f.confrelid = c.conrelid AND f.contype = 'f')))
                ORDER BY c.contype DESC, c.conname
                """); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.add(new Key(rows.getString(1), rows.getString(2)));
                if (rows.getString(3).equals("f")) {
                    tables.add(rows.getString(4));
                }
            }
        }
        String previous = setting(connection, "SELECT current_setting('lock_timeout')");
        setting(connection, "SELECT set_config('lock_timeout', '" + timeout.toMillis() + "ms', true)");
        String names = String.join(", ", tables);
        try (Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLE " + names + " IN ACCESS EXCLUSIVE MODE");
        }
        catch (SQLException ex) {
            if (LOCK_NOT_AVAILABLE.equals(ex.getSQLState())) {
                throw new ImportFailedException(String.format(Locale.ROOT,
                        "Could not lock %s within %s (lock_timeout): other transactions are using them, and a bulk"
                                + " import needs them to itself until it commits. Nothing was stored; run it again"
                                + " when they are done.",
                        names, seconds(timeout)), ex);
            }
            throw ex;
        }
        try (PreparedStatement restore = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            restore.setString(1, previous);
            restore.executeQuery().close();
        }
        return new InvoiceLineKeys(connection, keys);
    }

    /**
     * Drops the keys; {@link #restore()} adds them back. An empty table is truncated
     * first: its rows then go into a file of this transaction's own, which PostgreSQL
     * fills page after page, in the order the rows come (no free-space map to place a row
     * in an earlier page), so lines copied in key order build the primary key's index
     * from rows that are sorted, in one pass. The table is locked and has no row, so
     * nobody can tell.
     */
    void drop() throws SQLException {
        try (Statement statement = this.connection.createStatement()) {
            boolean empty;
            try (ResultSet rows = statement.executeQuery("SELECT NOT EXISTS (SELECT FROM " + TABLE + ")")) {
                rows.next();
                empty = rows.getBoolean(1);
            }
            if (empty) {
                statement.execute("TRUNCATE " + TABLE);
            }
        }
        alter(this.keys.stream().map((key) -> "DROP CONSTRAINT " + key.name()));
    }

    /**
     * Adds the keys back, checking every line of the table.
     * @throws SQLException when a line breaks one of them
     */
    void restore() throws SQLException {
        alter(this.keys.stream().map((key) -> "ADD CONSTRAINT " + key.name() + " " + key.definition()));
    }

    private void alter(Stream<String> actions) throws SQLException {
        String sql = actions.collect(Collectors.joining(", ", "ALTER TABLE " + TABLE + " ", ""));
        if (!this.keys.isEmpty()) {
            try (Statement alter = this.connection.createStatement()) {
                alter.execute(sql);
            }
        }
    }

    private static String setting(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String seconds(Duration duration) {
        return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A constraint as PostgreSQL reports it: its quoted name and definition. */
    private record Key(String name, String definition) {
    }

}
