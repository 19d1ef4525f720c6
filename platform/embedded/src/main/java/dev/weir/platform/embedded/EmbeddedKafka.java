package dev.weir.platform.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker (KRaft: broker and controller in one) running
 * in this JVM, its log in a directory of the user's (by default
 * {@code ./weir-data/kafka}), so messages survive restarts. It listens on 127.0.0.1 (port
 * 9092 by default), so ordinary Kafka tools such as {@code kcat} can read its topics.
 * Topics are not created on first use: services declare theirs.
 * <p>
 * The first start formats the directory (a new cluster id); later starts reuse it. This
 * is the same broker as in a cluster, configured for one node: internal topics have one
 * replica.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;

    private final int port;

    private volatile boolean stopped;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the broker on {@code home} (created and formatted if new).
     * @param home the broker's log directory
     * @param port the client port on 127.0.0.1
     * @param controllerPort the port of the broker's own KRaft controller, on 127.0.0.1
     */
    public static EmbeddedKafka start(Path home, int port, int controllerPort) {
        try {
            Files.createDirectories(home);
            Properties properties = properties(home, port, controllerPort);
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            if (!Files.exists(home.resolve("meta.properties"))) {
                format(home, config);
            }
            log.info("Starting Kafka on 127.0.0.1:{} with its log in {}", port, home);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded Kafka broker in " + home, ex);
        }
    }

    /** The bootstrap servers clients connect to. */
    public String bootstrapServers() {
        return "127.0.0.1:" + this.port;
    }

    /** Stops the broker, flushing its log (a controlled shutdown). */
    @Override
    public synchronized void close() {
        if (this.stopped) {
            return;
        }
        this.stopped = true;
        this.server.shutdown();
        this.server.awaitShutdown();
        log.info("Kafka stopped");
    }

    private static Properties properties(Path home, int port, int controllerPort) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("log.dirs", home.toAbsolutePath().toString());
        // one node: the broker's own topics have one replica
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // topics are declared by the services that own them, with their partitions and
        // retention
        properties.put("auto.create.topics.enable", "false");
        properties.put("num.partitions", "1");
        // The log cleaner's map of keys lives on the heap of the process that embeds the
        // broker, 128 MB by default: half the heap weir up starts with, and a live set
        // that kept G1 marking the old generation every few seconds under load. 16 MB
        // holds the latest offsets of 600,000 keys per cleaning pass, plenty for one
        // node.
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return properties;
    }

    private static void format(Path home, KafkaConfig config) throws IOException {
        log.info("Formatting a new Kafka log directory in {}", home);
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(home.toAbsolutePath().toString())
                .setDirectories(List.of(home.toAbsolutePath().toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        }
        catch (Exception ex) {
            throw new IOException("Could not format the Kafka log directory " + home + ": " + ex.getMessage(), ex);
        }
    }

}
