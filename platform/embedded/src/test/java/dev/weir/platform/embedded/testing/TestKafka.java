package dev.weir.platform.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.weir.platform.embedded.EmbeddedKafka;

/**
 * One throw-away embedded Kafka broker per test JVM, stopped and deleted when the JVM
 * exits.
 */
public final class TestKafka {

    private static EmbeddedKafka broker;

    private TestKafka() {
    }

    public static synchronized EmbeddedKafka broker() {
        if (broker == null) {
            try {
                Path home = Files.createTempDirectory("weir-test-kafka");
                broker = EmbeddedKafka.start(home, freePort(), freePort());
                EmbeddedKafka started = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    try (var paths = Files.walk(home)) {
                        paths.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
                    }
                    catch (IOException ex) {
                        // best effort: it is a temporary directory
                    }
                }, "test-kafka-stop"));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
