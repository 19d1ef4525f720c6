package dev.weir.launcher;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import dev.weir.platform.embedded.EmbeddedKafka;

/**
 * Which Kafka Weir uses: the embedded broker with its log under the data directory by
 * default, or an existing cluster given by {@code --kafka-bootstrap} /
 * {@code WEIR_KAFKA_BOOTSTRAP}.
 */
public final class KafkaOptions {

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT,...", defaultValue = "${env:WEIR_KAFKA_BOOTSTRAP}",
            description = "Use this Kafka cluster instead of the embedded broker (env WEIR_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "${env:WEIR_KAFKA_PORT:-9092}",
            description = "Port of the embedded Kafka broker, on 127.0.0.1 (env WEIR_KAFKA_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-controller-port", paramLabel = "PORT",
            defaultValue = "${env:WEIR_KAFKA_CONTROLLER_PORT:-9093}",
            description = "Port of the embedded broker's KRaft controller, on 127.0.0.1 (env WEIR_KAFKA_CONTROLLER_PORT; default: ${DEFAULT-VALUE}).")
    int controllerPort;

    boolean external() {
        return this.bootstrap != null && !this.bootstrap.isBlank();
    }

    /**
     * The bootstrap servers of a running Weir: the external cluster, or where the
     * embedded broker listens.
     */
    String bootstrapServers() {
        return external() ? this.bootstrap : "127.0.0.1:" + this.port;
    }

    /**
     * Starts the embedded broker under {@code dataDir/kafka}, or returns null with an
     * external cluster.
     */
    EmbeddedKafka start(Path dataDir) {
        return external() ? null : EmbeddedKafka.start(dataDir.resolve("kafka"), this.port, this.controllerPort);
    }

}
