package dev.weir.platform.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by an unreachable database (refused or ended connections, a full
 * pool, a server shutting down, a query timeout) from a failure of the service, so that
 * every transport answers the former with "unavailable, retry later" (503,
 * {@code UNAVAILABLE}) and never with an internal error.
 * <p>
 * The whole chain of causes is looked at, and so is the exception a failed rollback
 * overrode: when the database ends a session in the middle of a transaction, the
 * statement fails with a connection error and then the rollback fails too; Spring throws
 * the rollback's {@link TransactionSystemException}, which on its own says nothing about
 * why.
 */
public final class DatabaseUnavailable {

    /** What a client is told, whatever the transport. */
    public static final String DETAIL = "The database is not reachable right now; nothing was changed. Retry later.";

    private DatabaseUnavailable() {
    }

    /** The failure every transport answers with (503 / {@code UNAVAILABLE}). */
    public static WeirException failure() {
        return WeirException.unavailable("Service unavailable", DETAIL);
    }

    /**
     * Whether the failure, or anything that caused it, says the database is unreachable.
     */
    public static boolean causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return causes(failure, seen);
    }

    private static boolean causes(Throwable failure, Set<Throwable> seen) {
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof CannotCreateTransactionException
                    || current instanceof DataAccessResourceFailureException
                    || current instanceof TransientDataAccessResourceException
                    || current instanceof QueryTimeoutException || current instanceof SQLTransientConnectionException) {
                return true;
            }
            if (current instanceof SQLException sql && unreachable(sql.getSQLState())) {
                return true;
            }
            if (current instanceof TransactionSystemException transaction
                    && transaction.getApplicationException() != null
                    && causes(transaction.getApplicationException(), seen)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes of a lost or refused connection: 08 (connection exception), 57P
     * (the server is shutting down or ended the session), 53300 (too many connections).
     */
    static boolean unreachable(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
    }

}
