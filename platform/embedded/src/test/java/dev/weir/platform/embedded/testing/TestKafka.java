package dev.weir.platform.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
                broker = EmbeddedKafka.start(home, TestPorts.free(), TestPorts.free());
                ThrowAwayHome.deleteOnExit(home, broker::close, "test-kafka-stop");
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

}
