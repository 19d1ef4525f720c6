package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * within one lease. A lock whose holder was a process of this host that is gone (a CLI
 * run stopped by {@code kill -9}) is taken over at once rather than after its lease.
 */
final class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final JdbcTemplateLockProvider provider;

    private final JdbcClient jdbc;

    private final Duration lease;

    private static final Pattern HOLDER = Pattern.compile("(.*) \\(pid (\\d+)\\)");

    private final ScheduledExecutorService renewals;

    private final String hostName;

    /**
     * @param hostName this host's name; holders are named {@code <host> (pid <pid>)}
     */
    RunLock(JdbcTemplateLockProvider provider, JdbcClient jdbc, Duration lease, ScheduledExecutorService renewals,
            String hostName) {
        this.provider = provider;
        this.jdbc = jdbc;
        this.lease = lease;
        this.renewals = renewals;
        this.hostName = hostName;
    }

    /** A lock holder's name: this host and this process. */
    static String holderName(String hostName) {
        return hostName + " (pid " + ProcessHandle.current().pid() + ")";
    }

    /** The lock of a connector, if no one (alive) holds it. */
    Optional<Held> acquire(String connector) {
        Optional<Held> held = tryLock(connector);
        if (held.isEmpty() && releaseIfHolderIsGone(connector)) {
            held = tryLock(connector);
        }
        return held;
    }

    private Optional<Held> tryLock(String connector) {
        return this.provider.lock(new LockConfiguration(Instant.now(), connector, this.lease, Duration.ZERO))
            .map((lock) -> new Held(connector, lock));
    }

    private boolean releaseIfHolderIsGone(String connector) {
        Optional<Holder> holder = holder(connector);
        if (holder.isEmpty()) {
            return false;
        }
        Matcher name = HOLDER.matcher(holder.get().lockedBy());
        if (!name.matches() || !name.group(1).equals(this.hostName)) {
            return false;
        }
        long pid = Long.parseLong(name.group(2));
        if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        // expired rather than deleted: ShedLock remembers that the row exists and only
        // updates it from then on
        int released = this.jdbc
            .sql("UPDATE ingest.shedlock SET lock_until = timezone('utc', CURRENT_TIMESTAMP) "
                    + "WHERE name = ? AND locked_by = ?")
            .param(connector)
            .param(holder.get().lockedBy())
            .update();
        if (released > 0) {
            log.info("Connector {}: took over the lock of {}, a process of this host that is gone", connector,
                    holder.get().lockedBy());
        }
        return released > 0;
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
