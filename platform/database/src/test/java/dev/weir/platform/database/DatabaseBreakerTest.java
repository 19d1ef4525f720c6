package dev.weir.platform.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseBreakerTest {

    @Test
    void opensWhenTheDatabaseRefusesAConnectionAndThenRefusesCallersWithoutAskingThePool() throws Exception {
        PGSimpleDataSource nobodyListening = new PGSimpleDataSource();
        nobodyListening.setURL("jdbc:postgresql://127.0.0.1:" + closedPort() + "/weir");
        nobodyListening.setConnectTimeout(2);
        try (DatabaseBreaker breaker = new DatabaseBreaker(nobodyListening, "test", Duration.ofMinutes(1))) {
            assertThat(breaker.isOpen()).isFalse();
            assertThatExceptionOfType(PSQLException.class).isThrownBy(breaker::getConnection)
                .satisfies((ex) -> assertThat(ex.getSQLState()).startsWith("08"));
            assertThat(breaker.isOpen()).isTrue();
            assertThat(breaker.asked()).isEqualTo(1);

            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(breaker::getConnection)
                    .withMessageContaining("not asking the pool")
                    .satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08001"));
            }
            assertThat(breaker.asked()).isEqualTo(1);
            assertThat(breaker.refused()).isEqualTo(3);
        }
    }

    @Test
    void takesAPoolTimeoutAfterFailedConnectsForUnreachableButABusyPoolForBusy() {
        var refused = new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertThat(DatabaseBreaker.unreachable(new SQLTransientConnectionException(
                "retail - Connection is not available, request timed out after 5000ms", "08001", refused)))
            .isTrue();
        assertThat(DatabaseBreaker.unreachable(new SQLTransientConnectionException(
                "retail - Connection is not available, request timed out after 5000ms", null, (Throwable) null)))
            .isFalse();
        assertThat(DatabaseBreaker.unreachable(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseBreaker.unreachable(new SQLException("the server is shutting down", "57P01"))).isTrue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
