package dev.weir.analytics.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real sample data sets are: the one place that knows it. Today they are in
 * Weir's shared data directory next to the repository ({@code ../shared/data}, or
 * {@code -Dweir.shared.data}); when they move into the repository's {@code data/} folder,
 * only this class changes.
 */
public final class SampleData {

    private SampleData() {
    }

    /** A file of the sample data, which must exist. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing sample data file " + file + " (see SOURCES.md there)");
        }
        return file;
    }

    static Path root() {
        String property = System.getProperty("weir.shared.data");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        String env = System.getenv("WEIR_SHARED_DATA");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && dir.getParent() != null) {
                Path shared = dir.getParent().resolve("shared").resolve("data");
                if (Files.isDirectory(shared)) {
                    return shared;
                }
            }
        }
        throw new IllegalStateException(
                "Weir's shared data directory not found: set -Dweir.shared.data=DIR or WEIR_SHARED_DATA=DIR");
    }

}
