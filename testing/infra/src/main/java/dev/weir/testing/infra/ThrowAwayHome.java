package dev.weir.testing.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The data directory of a server that lives as long as the test JVM. */
final class ThrowAwayHome {

    private ThrowAwayHome() {
    }

    /**
     * When the JVM exits, runs {@code stop} (the server's) and then deletes {@code home},
     * best effort: it is a temporary directory.
     */
    static void deleteOnExit(Path home, Runnable stop, String threadName) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
            }
            catch (IOException ex) {
                // best effort: it is a temporary directory
            }
        }, threadName));
    }

}
