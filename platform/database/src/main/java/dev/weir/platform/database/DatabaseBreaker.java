package dev.weir.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.weir.platform.error.DatabaseUnavailable;

/**
 * A breaker in front of a service's connection pool. While it is closed every
 * {@link #getConnection()} asks the pool. When the pool answers that the database cannot
 * be reached (a connection refused or ended, or the pool's timeout running out while its
 * attempts to connect failed: {@link DatabaseUnavailable}), the breaker opens: from then
 * on every caller is refused at once with a {@link SQLTransientConnectionException}
 * (which every transport answers 503 / {@code UNAVAILABLE} with when to retry), without
 * asking the pool, so no request waits out the pool's timeout again. In the background a
 * probe asks the pool for a connection every {@code probeInterval}; the first that is
 * valid closes the breaker.
 * <p>
 * A pool that timed out only because all its connections were busy (no attempt to connect
 * failed) is a busy database, not an unreachable one: that does not open the breaker.
 */
public final class DatabaseBreaker extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBreaker.class);

    private final String name;

    private final Duration probeInterval;

    private final ScheduledExecutorService probes;

    private final LongAdder asked = new LongAdder();

    private final LongAdder refused = new LongAdder();

    private volatile Instant openSince;

    /**
     * A breaker in front of a pool.
     * @param pool the pool asked while the breaker is closed, and by the probe
     * @param name the pool's name, for the log and the refusal's message
     * @param probeInterval the wait between two probes while the breaker is open
     */
    public DatabaseBreaker(DataSource pool, String name, Duration probeInterval) {
        super(pool);
        this.name = name;
        this.probeInterval = probeInterval;
        this.probes = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("weir-database-probe-" + name).factory());
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileOpen();
        try {
            return super.getConnection();
        }
        catch (SQLException | RuntimeException ex) {
            tripIfUnreachable(ex);
            throw ex;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileOpen();
        try {
            return super.getConnection(username, password);
        }
        catch (SQLException | RuntimeException ex) {
            tripIfUnreachable(ex);
            throw ex;
        }
    }

    /** Whether callers are being refused without asking the pool. */
    public boolean isOpen() {
        return this.openSince != null;
    }

    /** How many times a caller's request for a connection was passed to the pool. */
    public long asked() {
        return this.asked.sum();
    }

    /** How many times a caller was refused without asking the pool. */
    public long refused() {
        return this.refused.sum();
    }

    /** Stops the probe and closes the pool. */
    @Override
    public void close() throws Exception {
        this.probes.shutdownNow();
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private void refuseWhileOpen() throws SQLTransientConnectionException {
        Instant since = this.openSince;
        if (since != null) {
            this.refused.increment();
            throw new SQLTransientConnectionException("The database of pool '" + this.name
                    + "' has been unreachable since " + since + "; not asking the pool until it answers again",
                    "08001");
        }
        this.asked.increment();
    }

    private void tripIfUnreachable(Exception failure) {
        if (!unreachable(failure)) {
            return;
        }
        synchronized (this) {
            if (this.openSince != null) {
                return;
            }
            this.openSince = Instant.now();
        }
        log.warn("Database of pool '{}' unreachable ({}): refusing at once until it answers again, asked every {}",
                this.name, failure.getMessage(), this.probeInterval);
        scheduleProbe();
    }

    /**
     * Whether a failure to get a connection says the database cannot be reached, rather
     * than that the pool is busy.
     */
    static boolean unreachable(Exception failure) {
        if (failure instanceof SQLTransientConnectionException timeout && timeout.getCause() == null) {
            // the pool timed out with no failed attempt to connect: every connection was
            // in use
            return false;
        }
        return DatabaseUnavailable.causes(failure);
    }

    private void scheduleProbe() {
        try {
            this.probes.schedule(this::probe, this.probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.RejectedExecutionException ex) {
            // closed
        }
    }

    private void probe() {
        try (Connection connection = super.getConnection()) {
            if (connection.isValid(5)) {
                Instant since = this.openSince;
                this.openSince = null;
                log.info("Database of pool '{}' reachable again (unreachable since {})", this.name, since);
                return;
            }
        }
        catch (SQLException | RuntimeException ex) {
            log.debug("Database of pool '{}' still unreachable: {}", this.name, ex.getMessage());
        }
        scheduleProbe();
    }

}
