package dev.weir.testing.upstreams;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the recorded data the upstreams serve: the repository's {@code data/} folder
 * (described in {@code data/README.md}), the repository root being the nearest directory
 * at or above the working directory that holds {@code mvnw} (tests run in a module's
 * directory, the benchmarks and the README's commands at the root). A process started
 * elsewhere names the folder itself ({@code --data DIR}).
 */
final class RecordedData {

    private RecordedData() {
    }

    /**
     * The repository's {@code data/} folder.
     * @return the folder, which exists
     * @throws IllegalStateException naming where it looked, when there is none
     */
    static Path locate() {
        return locate(Path.of("").toAbsolutePath());
    }

    static Path locate(Path workingDirectory) {
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                Path data = dir.resolve("data");
                if (!Files.isDirectory(data)) {
                    throw new IllegalStateException("The repository " + dir + " has no data/ folder, which holds the "
                            + "recorded FHRS and Open-Meteo data the upstreams serve (see data/README.md in a "
                            + "complete clone); or serve the bundled slice (--slice).");
                }
                return data;
            }
        }
        throw new IllegalStateException("No repository root (a directory holding mvnw) at or above " + workingDirectory
                + ", so no data/ folder to serve: run inside the Weir repository, or name the folder (--data DIR).");
    }

    /** A file under the repository's {@code data/} folder, which must exist. */
    static Path file(String relative) {
        return file(locate(), relative);
    }

    /** A file under the data folder {@code data}, which must exist. */
    static Path file(Path data, String relative) {
        Path file = data.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " in the recorded data: see data/README.md.");
        }
        return file;
    }

}
