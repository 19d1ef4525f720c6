package dev.weir.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.ingest.IngestApplication;
import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.pull.run.ConnectorRuns;

/**
 * The Ingest service's engine in the CLI's own process (no web server, no schedules),
 * against the PostgreSQL and Kafka of a running {@code weir up}: a run started by
 * {@code weir connector run} lives and dies with the command, and takes the same
 * cluster-wide lock as runs of the service.
 */
final class LocalIngest implements AutoCloseable {

    private final DatabaseOptions.Database database;

    private final ConfigurableApplicationContext context;

    private LocalIngest(DatabaseOptions.Database database, ConfigurableApplicationContext context) {
        this.database = database;
        this.context = context;
    }

    /**
     * Connects to Weir's database and Kafka and starts the engine.
     * @throws UnreachableException when Kafka does not answer (Weir is not up)
     */
    static LocalIngest start(DatabaseOptions databaseOptions, KafkaOptions kafkaOptions) {
        String bootstrap = kafkaOptions.bootstrapServers();
        checkKafka(kafkaOptions);
        DatabaseOptions.Database database = databaseOptions.open();
        try {
            Path dataDir = databaseOptions.dataDir();
            ConfigurableApplicationContext context = IngestApplication.builder()
                .web(WebApplicationType.NONE)
                .registerShutdownHook(true)
                .properties(Map.of("spring.main.banner-mode", "off", "spring.main.log-startup-info", "false"))
                .run("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--spring.kafka.bootstrap-servers=" + bootstrap, "--weir.ingest.data-dir=" + dataDir,
                        "--weir.ingest.schedules.enabled=false", "--logging.level.root=WARN",
                        "--logging.level.org.apache.kafka=ERROR");
            return new LocalIngest(database, context);
        }
        catch (RuntimeException ex) {
            database.close();
            throw ex;
        }
    }

    ConnectorCatalog catalog() {
        return this.context.getBean(ConnectorCatalog.class);
    }

    ConnectorRuns runs() {
        return this.context.getBean(ConnectorRuns.class);
    }

    /** Stops the engine (a run in progress stops at its next page) and disconnects. */
    @Override
    public void close() {
        this.context.close();
        this.database.close();
    }

    private static void checkKafka(KafkaOptions kafka) {
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = kafka.admin(ch.qos.logback.classic.Level.ERROR)) {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new UnreachableException("No Kafka answers at " + bootstrap
                    + ". Start Weir first (`weir up`, with the same WEIR_DATA_DIR and ports), or set "
                    + "WEIR_KAFKA_BOOTSTRAP / --kafka-bootstrap to your cluster.");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("Interrupted while connecting to Kafka at " + bootstrap);
        }
    }

    /** Weir's Kafka or database cannot be reached. */
    static final class UnreachableException extends RuntimeException {

        UnreachableException(String message) {
            super(message);
        }

    }

}
