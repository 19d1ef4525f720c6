package dev.weir.testing.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code data/} folder: the real data sets tests read (see
 * {@code data/README.md}). Tests read data from there, never from outside the repository,
 * so a clone with nothing beside it passes {@code ./mvnw verify}.
 * <p>
 * The repository root is the nearest directory at or above the working directory that
 * holds {@code mvnw}: Maven runs a module's tests in the module's directory, an IDE
 * usually in the module's or the repository's.
 */
public final class RepositoryData {

    private RepositoryData() {
    }

    /**
     * The {@code data/} folder of the repository the tests run in.
     * @throws IllegalStateException when the working directory is not inside a
     * repository, or the repository has no {@code data/}
     */
    public static Path directory() {
        return directory(Path.of("").toAbsolutePath());
    }

    /**
     * A file under {@code data/}, which must exist, e.g.
     * {@code file("online-retail/online_retail.csv.gz")}.
     * @throws IllegalStateException naming the missing path
     */
    public static Path file(String relative) {
        return file(directory(), relative);
    }

    static Path directory(Path workingDirectory) {
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                Path data = dir.resolve("data");
                if (!Files.isDirectory(data)) {
                    throw new IllegalStateException("The repository " + dir + " has no data/ folder: it holds the "
                            + "data sets the tests read (see data/README.md in a complete clone).");
                }
                return data;
            }
        }
        throw new IllegalStateException("No repository root (a directory holding mvnw) at or above " + workingDirectory
                + ": run the tests inside the Weir repository, whose data/ folder they read.");
    }

    static Path file(Path data, String relative) {
        Path file = data.resolve(relative).normalize();
        if (!file.startsWith(data) || !Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + ": tests read it from the repository's data/ "
                    + "folder (data/README.md says where each file comes from).");
        }
        return file;
    }

}
