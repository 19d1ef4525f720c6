package dev.weir.retail.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.weir.retail.system.RetailProperties;

/**
 * Publishes the outbox to Kafka topic {@value #TOPIC}: one relay per cluster, in id
 * order, marking each row published only after Kafka acknowledged it.
 * <ul>
 * <li><b>One relay.</b> Every process runs one; the one holding PostgreSQL advisory lock
 * {@link LeaderConnection#LOCK} on its own connection publishes, the others try to take
 * the lock every poll interval. When the holder dies, PostgreSQL ends its session and
 * frees the lock, and a standby takes over.</li>
 * <li><b>Wake-up.</b> A commit with events wakes the relay at once ({@link CommitSignal}:
 * directly in this process, by {@code NOTIFY} from another); without one it polls every
 * {@code weir.retail.outbox.poll-interval}.</li>
 * <li><b>Order.</b> It sends a batch of unpublished rows in id order, waits for every
 * acknowledgement, marks the acknowledged rows, then reads the next batch. The producer
 * is idempotent (acks=all, one request in flight), so each partition holds its records in
 * the order sent. The rows of one aggregate have ids in the order of their commits (each
 * change locks the aggregate until it commits), so one key's events arrive in order.</li>
 * <li><b>No duplicates after a crash.</b> A relay can die after Kafka acknowledged a
 * batch and before it marked it. So before it first publishes, and after any failure, a
 * relay reads the last records of every partition ({@link PublishedTail}) and marks the
 * rows named by their headers (id and event id) as published instead of sending them
 * again. It marks exactly the rows it finds, never "everything up to the highest id
 * found": a row with a lower id can commit after a higher one was published, and a batch
 * can reach one partition and not another, so the highest id proves nothing about the
 * others.</li>
 * <li><b>Kafka down.</b> Writes go on (they never touch Kafka); the relay fails a batch
 * within the producer's timeouts, waits (doubling from 100 ms up to
 * {@code retry-backoff-max}) and tries again with a new producer; the backlog is then
 * published in order.</li>
 * </ul>
 */
@Component
class OutboxRelay implements SmartLifecycle {

    /** The topic of the Retail service's events. */
    static final String TOPIC = "weir.events.retail";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private static final int PURGE_BATCH = 10_000;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private final JdbcConnectionDetails database;

    private final Map<String, Object> producer;

    private final Map<String, Object> consumer;

    private final ObjectProvider<KafkaAdmin> admin;

    private final RetailProperties.Outbox settings;

    private final Counter published;

    private final Counter failures;

    private final RelayState state = new RelayState();

    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    private volatile boolean running;

    private volatile Thread thread;

    OutboxRelay(JdbcConnectionDetails database, KafkaProperties kafkaProperties, KafkaConnectionDetails kafkaConnection,
            ObjectProvider<KafkaAdmin> admin, RetailProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.database = database;
        String bootstrap = String.join(",", kafkaConnection.getBootstrapServers());
        this.producer = withBootstrap(kafkaProperties.buildProducerProperties(), bootstrap);
        this.consumer = withBootstrap(kafkaProperties.buildConsumerProperties(), bootstrap);
        this.admin = admin;
        this.settings = properties.outbox();
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.published = Counter.builder("weir.outbox.published")
            .description("Outbox events published to Kafka by this process's relay")
            .register(registry);
        this.failures = Counter.builder("weir.outbox.publish.failures")
            .description("Batches of outbox events this process's relay failed to publish")
            .register(registry);
    }

    private static Map<String, Object> withBootstrap(Map<String, Object> config, String bootstrap) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Map.copyOf(copy);
    }

    /** Whether this process's relay is the one publishing. */
    boolean leading() {
        return this.state.role() == RelayState.Role.LEADING;
    }

    RelayState state() {
        return this.state;
    }

    /** Makes the relay look for events now (a commit wrote some). */
    void wake() {
        this.wakeRequested.set(true);
        Thread relay = this.thread;
        if (relay != null) {
            LockSupport.unpark(relay);
        }
    }

    @Override
    public void start() {
        this.running = true;
        this.thread = Thread.ofPlatform().daemon().name("retail-outbox-relay").start(this::run);
    }

    @Override
    public void stop() {
        this.running = false;
        Thread relay = this.thread;
        if (relay != null) {
            relay.interrupt();
            try {
                relay.join(Duration.ofSeconds(15));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        this.thread = null;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    private void run() {
        Backoff backoff = new Backoff(FIRST_BACKOFF, this.settings.retryBackoffMax());
        while (this.running) {
            try {
                leadWhenPossible(backoff);
            }
            catch (SQLException ex) {
                this.state.role(RelayState.Role.STOPPED);
                if (this.running) {
                    this.state.failed(ex);
                    log.warn("Outbox relay lost its database connection ({}); trying again", ex.getMessage());
                    sleep(backoff.next());
                }
            }
            catch (InterruptedException ex) {
                // stopping
            }
            catch (RuntimeException ex) {
                // a bug, or Kafka's InterruptException while stopping: never let the
                // thread die
                this.state.role(RelayState.Role.STOPPED);
                if (this.running) {
                    this.state.failed(ex);
                    log.error("Outbox relay failed; starting over", ex);
                    sleep(backoff.next());
                }
            }
        }
        this.state.role(RelayState.Role.STOPPED);
    }

    /** Stands by until this process holds the lock, then publishes. */
    private void leadWhenPossible(Backoff backoff) throws SQLException, InterruptedException {
        try (LeaderConnection connection = LeaderConnection.open(this.database, "outbox-relay")) {
            this.state.role(RelayState.Role.STANDBY);
            while (this.running && !connection.tryLead()) {
                pause(this.settings.pollInterval());
            }
            if (this.running) {
                this.state.role(RelayState.Role.LEADING);
                log.info("This process now publishes the Retail service's events to {}", TOPIC);
                try {
                    lead(connection, backoff);
                }
                finally {
                    this.state.role(RelayState.Role.STANDBY);
                }
            }
        }
    }

    /** Publishes while this process holds the lock and runs. */
    private void lead(LeaderConnection connection, Backoff backoff) throws SQLException, InterruptedException {
        EventPublisher publisher = null;
        long nextPurge = System.nanoTime();
        try (NotificationListener listener = new NotificationListener(this.database, this::wake,
                this.settings.pollInterval())) {
            while (this.running) {
                if (System.nanoTime() - nextPurge >= 0) {
                    purge(connection);
                    nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
                }
                try {
                    if (publisher == null) {
                        // first contact with Kafka, or after a failure
                        reconcile(connection);
                        publisher = new EventPublisher(this.producer, TOPIC);
                        backoff.reset();
                    }
                    this.wakeRequested.set(false);
                    List<OutboxRow> rows = connection.unpublished(this.settings.batchSize());
                    if (rows.isEmpty()) {
                        awaitWake(this.settings.pollInterval());
                        continue;
                    }
                    EventPublisher.Sent sent = publisher.send(rows);
                    connection.markPublished(sent.acknowledged());
                    if (!sent.acknowledged().isEmpty()) {
                        this.published.increment(sent.acknowledged().size());
                        this.state.published();
                    }
                    if (sent.failure() != null) {
                        throw sent.failure();
                    }
                    backoff.reset();
                }
                catch (SQLException | InterruptedException ex) {
                    throw ex;
                }
                catch (Exception ex) {
                    if (!this.running) {
                        return;
                    }
                    this.state.failed(ex);
                    this.failures.increment();
                    Duration wait = backoff.next();
                    log.warn("Could not publish outbox events to {} ({}); trying again in {} ms", TOPIC,
                            ex.getMessage(), wait.toMillis());
                    if (publisher != null) {
                        // rows whose outcome is unknown may be in Kafka: look before
                        // sending again
                        publisher.close();
                        publisher = null;
                    }
                    pause(wait);
                }
            }
        }
        finally {
            if (publisher != null) {
                publisher.close();
            }
        }
    }

    /**
     * Marks published the rows found in the last records of the topic: rows a relay
     * published and could not mark before it died (or before its batch failed). Creates
     * the declared topics when the topic is missing (a broker that was down when the
     * service started has none yet).
     */
    private void reconcile(LeaderConnection connection) throws SQLException {
        var found = PublishedTail.read(this.consumer, TOPIC, KAFKA_TIMEOUT);
        if (found.isEmpty()) {
            KafkaAdmin kafkaAdmin = this.admin.getIfAvailable();
            if (kafkaAdmin == null || !kafkaAdmin.initialize()) {
                throw new IllegalStateException("Topic " + TOPIC + " does not exist and could not be created");
            }
            log.info("Created topic {}", TOPIC);
            found = PublishedTail.read(this.consumer, TOPIC, KAFKA_TIMEOUT);
            if (found.isEmpty()) {
                throw new IllegalStateException("Topic " + TOPIC + " was created but is not there yet");
            }
        }
        int marked = connection.markFoundInKafka(found.get());
        if (marked > 0) {
            log.info("{} outbox events were in Kafka already (published before a crash, not marked); "
                    + "marked them published without sending them again", marked);
        }
    }

    private void purge(LeaderConnection connection) throws SQLException {
        int deleted;
        do {
            deleted = connection.deletePublished(this.settings.retention(), PURGE_BATCH);
        }
        while (deleted == PURGE_BATCH && this.running);
    }

    private void awaitWake(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.running && !this.wakeRequested.get()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        if (this.running) {
            Thread.sleep(duration);
        }
    }

    private void sleep(Duration duration) {
        try {
            pause(duration);
        }
        catch (InterruptedException ex) {
            // stopping: the loop looks at running
        }
    }

    /** Waits that double from a first one up to a cap. */
    static final class Backoff {

        private final Duration first;

        private final Duration max;

        private Duration next;

        Backoff(Duration first, Duration max) {
            this.first = first;
            this.max = max;
            this.next = first;
        }

        Duration next() {
            Duration wait = this.next;
            Duration doubled = this.next.multipliedBy(2);
            this.next = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
            return (wait.compareTo(this.max) > 0) ? this.max : wait;
        }

        void reset() {
            this.next = this.first;
        }

    }

}
