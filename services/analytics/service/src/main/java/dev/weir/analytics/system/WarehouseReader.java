package dev.weir.analytics.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The login role the Analytics service connects as: a member of
 * {@code weir_warehouse_reader}, the group role the warehouse's migrations grant
 * {@code SELECT} on schema {@code warehouse} (and nothing else), and read-only by default
 * ({@code default_transaction_read_only}).
 * <p>
 * {@code weir up} creates it on the embedded PostgreSQL with a generated password; on a
 * server you run, an administrator runs the same statements (docs/analytics.md) or this
 * method with a role that may create roles.
 */
public final class WarehouseReader {

    /**
     * The group role that may read the warehouse (created by migration 10 when it can).
     */
    public static final String GROUP = "weir_warehouse_reader";

    /** The login role's default name. */
    public static final String LOGIN = "weir_analytics";

    private WarehouseReader() {
    }

    /**
     * Creates the group role when missing, and the login role (or sets its password when
     * it exists) as a member of it. Idempotent; roles are cluster-wide, so one call
     * serves every database of the server.
     * @param admin a connection as a role with {@code CREATEROLE} (or a superuser)
     * @param login the login role's name
     * @param password its password
     */
    public static synchronized void ensure(Connection admin, String login, String password) throws SQLException {
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(true);
        try (Statement statement = admin.createStatement()) {
            if (!exists(admin, GROUP)) {
                execute(statement, "CREATE ROLE " + GROUP + " NOLOGIN", "42710");
            }
            String sql = format(admin,
                    exists(admin, login) ? "ALTER ROLE %I LOGIN PASSWORD %L" : "CREATE ROLE %I LOGIN PASSWORD %L",
                    login, password);
            execute(statement, sql, "42710");
            statement.execute(format(admin, "GRANT " + GROUP + " TO %I", login, null));
            statement.execute(format(admin, "ALTER ROLE %I SET default_transaction_read_only = on", login, null));
        }
        finally {
            admin.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            select.setString(1, role);
            try (ResultSet result = select.executeQuery()) {
                return result.next();
            }
        }
    }

    /** A statement with identifiers and literals quoted by the server itself. */
    private static String format(Connection connection, String template, String identifier, String literal)
            throws SQLException {
        try (PreparedStatement format = connection
            .prepareStatement((literal != null) ? "SELECT format(?, ?, ?)" : "SELECT format(?, ?)")) {
            format.setString(1, template);
            format.setString(2, identifier);
            if (literal != null) {
                format.setString(3, literal);
            }
            try (ResultSet result = format.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    /**
     * Runs a statement, ignoring the given SQL state (another process created the role
     * first).
     */
    private static void execute(Statement statement, String sql, String ignoredState) throws SQLException {
        try {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            if (!ignoredState.equals(ex.getSQLState())) {
                throw ex;
            }
        }
    }

}
