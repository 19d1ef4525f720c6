package dev.weir.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code weir up}s running on this machine for this user, so that one that finds a
 * port taken can say whether another Weir holds it, and which (its process and data
 * directory). Each running Weir leaves a small file {@code <pid>.properties} in
 * {@code $WEIR_CACHE_DIR/up} (default {@code ~/.cache/weir/up}), removed when it stops;
 * files of processes that are gone (a {@code kill -9}) are ignored and removed.
 */
final class RunningWeirs {

    private final Path directory;

    RunningWeirs(Path directory) {
        this.directory = directory;
    }

    static RunningWeirs inCacheDir() {
        String configured = System.getenv("WEIR_CACHE_DIR");
        Path cache = (configured != null && !configured.isBlank()) ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "weir");
        return new RunningWeirs(cache.resolve("up"));
    }

    /** A running Weir: its process, data directory and the ports it listens on. */
    record Entry(long pid, Path dataDir, Set<Integer> ports) {
    }

    /**
     * Records this process as a Weir with its data in {@code dataDir} on {@code ports};
     * returns the file to delete when it stops (or null if it could not be written: the
     * registry only improves a message).
     */
    Path register(Path dataDir, Set<Integer> ports) {
        long pid = ProcessHandle.current().pid();
        Properties properties = new Properties();
        properties.setProperty("data_dir", dataDir.toString());
        properties.setProperty("ports", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
        try {
            Files.createDirectories(this.directory);
            Path file = this.directory.resolve(pid + ".properties");
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "a running weir up");
            }
            return file;
        }
        catch (IOException ex) {
            return null;
        }
    }

    /** The running Weir, other than this process, that listens on {@code port}. */
    Optional<Entry> holding(int port) {
        if (!Files.isDirectory(this.directory)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "*.properties")) {
            for (Path file : files) {
                Optional<Entry> entry = read(file);
                if (entry.isPresent() && entry.get().ports().contains(port)) {
                    return entry;
                }
            }
        }
        catch (IOException ex) {
            // no registry: the message says less
        }
        return Optional.empty();
    }

    private static Optional<Entry> read(Path file) {
        String name = file.getFileName().toString();
        long pid;
        try {
            pid = Long.parseLong(name.substring(0, name.length() - ".properties".length()));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
        if (pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException ex) {
                // another weir may clean it up
            }
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        Set<Integer> ports = Arrays.stream(properties.getProperty("ports", "").split(","))
            .filter((port) -> !port.isBlank())
            .map((port) -> Integer.parseInt(port.strip()))
            .collect(Collectors.toSet());
        return Optional.of(new Entry(pid, Path.of(properties.getProperty("data_dir", "?")), ports));
    }

}
