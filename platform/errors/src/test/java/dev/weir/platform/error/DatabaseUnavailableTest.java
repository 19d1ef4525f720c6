package dev.weir.platform.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreUnavailable() {
        assertThat(DatabaseUnavailable.causes(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("wrapped",
                new DataAccessResourceFailureException("I/O error", new SQLException("reset", "08006")))))
            .isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLTransientConnectionException("pool empty"))))
            .isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("too many clients", "53300"))).isTrue();
    }

    /** What Spring throws when the database ended the session inside a transaction. */
    @Test
    void aRollbackThatFailedBecauseTheSessionEndedIsUnavailable() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed.", "08003"));
        assertThat(DatabaseUnavailable.causes(rollback)).isTrue();

        TransactionSystemException overriding = new TransactionSystemException("JDBC rollback failed");
        overriding.initApplicationException(new UncategorizedSQLException("insert", "INSERT ...",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(DatabaseUnavailable.causes(overriding)).isTrue();
    }

    @Test
    void failuresOfTheServiceAreNot() {
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new DuplicateKeyException("duplicate", new SQLException("dup", "23505"))))
            .isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new TransactionSystemException("commit failed"))).isFalse();
    }

}
