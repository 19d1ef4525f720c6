package dev.weir.ingest.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A connector runs on one replica at a time: a ShedLock lock named after it, in
 * PostgreSQL ({@code ingest.shedlock}, the database's clock). The lock is leased: a live
 * run renews it every third of the lease, so a replica that dies holding it frees it
 * within one lease.
 */
final class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final JdbcTemplateLockProvider provider;

    private final JdbcClient jdbc;

    private final Duration lease;

    private final ScheduledExecutorService renewals;

    RunLock(JdbcTemplateLockProvider provider, JdbcClient jdbc, Duration lease, ScheduledExecutorService renewals) {
        this.provider = provider;
        this.jdbc = jdbc;
        this.lease = lease;
        this.renewals = renewals;
    }

    /** The lock of a connector, if no one holds it. */
    Optional<Held> acquire(String connector) {
        return this.provider.lock(new LockConfiguration(Instant.now(), connector, this.lease, Duration.ZERO))
            .map((lock) -> new Held(connector, lock));
    }

    /** Who holds a connector's lock, if anyone. */
    Optional<Holder> holder(String connector) {
        return this.jdbc.sql("""
                SELECT locked_by, locked_at FROM ingest.shedlock
                WHERE name = ? AND lock_until > timezone('utc', CURRENT_TIMESTAMP)
                """)
            .param(connector)
            .query((rs, row) -> new Holder(rs.getString(1), rs.getTimestamp(2).toLocalDateTime()))
            .optional();
    }

    /** Who holds a lock, and since when (UTC). */
    record Holder(String lockedBy, java.time.LocalDateTime lockedAtUtc) {
    }

    /** A lock held, renewed until closed. */
    final class Held implements AutoCloseable {

        private final String connector;

        private final ScheduledFuture<?> renewal;

        private SimpleLock lock;

        private volatile boolean lost;

        Held(String connector, SimpleLock lock) {
            this.connector = connector;
            this.lock = lock;
            long every = Math.max(1, RunLock.this.lease.toMillis() / 3);
            this.renewal = RunLock.this.renewals.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        /**
         * Whether the lock could not be renewed (the run must stop before its next
         * commit).
         */
        boolean lost() {
            return this.lost;
        }

        private synchronized void renew() {
            if (this.lost) {
                return;
            }
            try {
                Optional<SimpleLock> renewed = this.lock.extend(RunLock.this.lease, Duration.ZERO);
                if (renewed.isPresent()) {
                    this.lock = renewed.get();
                    return;
                }
                log.warn("The lock of connector {} was lost: another replica may run it now", this.connector);
            }
            catch (RuntimeException ex) {
                log.warn("The lock of connector {} could not be renewed: {}", this.connector, ex.toString());
            }
            this.lost = true;
            this.renewal.cancel(false);
        }

        @Override
        public synchronized void close() {
            this.renewal.cancel(false);
            if (!this.lost) {
                try {
                    this.lock.unlock();
                }
                catch (RuntimeException ex) {
                    log.warn("The lock of connector {} could not be released (it expires with its lease): {}",
                            this.connector, ex.toString());
                }
            }
        }

    }

}
