package dev.weir.testing.upstreams;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds Weir's shared data directory ({@code ../shared/data} next to the repository),
 * which holds the real recorded data sets the upstreams serve.
 * <p>
 * In order: the system property {@value #PROPERTY}, the environment variable
 * {@value #ENV}, then {@code <repository root>/../shared/data}, the repository root being
 * the nearest directory at or above the working directory that holds {@code mvnw} (tests
 * run in a module's directory, the benchmarks at the root).
 */
public final class SharedData {

    /** System property naming the shared data directory. */
    public static final String PROPERTY = "weir.shared.data";

    /** Environment variable naming the shared data directory. */
    public static final String ENV = "WEIR_SHARED_DATA";

    private SharedData() {
    }

    /**
     * The shared data directory.
     * @return the directory, which exists
     * @throws IllegalStateException naming where it looked and how to point at it, when
     * there is none
     */
    public static Path locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of("").toAbsolutePath());
    }

    static Path locate(String property, String env, Path workingDirectory) {
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "the system property " + PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return existing(Path.of(env), "the environment variable " + ENV);
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                Path parent = (dir.getParent() != null) ? dir.getParent() : dir;
                return existing(parent.resolve("shared").resolve("data").normalize(),
                        "the repository root " + dir + " (../shared/data)");
            }
        }
        throw new IllegalStateException("Weir's shared data directory not found: no repository root (a directory with "
                + "mvnw) at or above " + workingDirectory + ". Set -D" + PROPERTY + "=DIR or " + ENV + "=DIR.");
    }

    private static Path existing(Path dir, String from) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Weir's shared data directory " + dir.toAbsolutePath() + " (from " + from
                    + ") does not exist. It holds the recorded FHRS and Open-Meteo data the test upstreams serve; "
                    + "set -D" + PROPERTY + "=DIR or " + ENV + "=DIR to point at a copy.");
        }
        return dir;
    }

    /** A file under the shared data directory, which must exist. */
    static Path file(String relative) {
        Path file = locate().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "Missing " + file + " in Weir's shared data directory: see SOURCES.md there.");
        }
        return file;
    }

}
