package dev.weir.ingest.lake;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lake in a directory: a file is written hidden ({@code .<name>.tmp}) beside its
 * final place and renamed atomically, so a reader (or a glob such as {@code *.parquet})
 * never sees one in part.
 */
final class FileLakeStorage implements LakeStorage {

    private final Path root;

    FileLakeStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Path stage(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    @Override
    public void publish(String key, Path staged, long rows) throws IOException {
        Path target = resolve(key);
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException ex) {
            throw new IOException("The lake's directory " + this.root + " cannot rename files atomically", ex);
        }
    }

    @Override
    public List<LakeFile> list(String prefix) throws IOException {
        Path start = prefix.isEmpty() ? this.root : resolve(prefix);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(start)) {
            files = walk
                .filter((p) -> p.getFileName().toString().endsWith(".parquet")
                        && !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p))
                .sorted()
                .toList();
        }
        Map<String, Long> rows = rows(files);
        List<LakeFile> listed = new ArrayList<>(files.size());
        for (Path file : files) {
            listed.add(new LakeFile(this.root.relativize(file).toString().replace('\\', '/'), Files.size(file),
                    rows.getOrDefault(file.toString(), -1L)));
        }
        return listed;
    }

    @Override
    public void cleanUp() throws IOException {
        if (!Files.isDirectory(this.root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(this.root)) {
            for (Path hidden : walk.filter(
                    (p) -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                .toList()) {
                Files.deleteIfExists(hidden);
            }
        }
    }

    @Override
    public String location() {
        return this.root.toUri().toString();
    }

    /** The rows of each file, from its Parquet footer (read by DuckDB). */
    private static Map<String, Long> rows(List<Path> files) throws IOException {
        Map<String, Long> rows = new HashMap<>();
        if (files.isEmpty()) {
            return rows;
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement query = duck
                    .prepareStatement("SELECT file_name, num_rows FROM parquet_file_metadata(?::VARCHAR[])")) {
            query.setArray(1, duck.createArrayOf("VARCHAR", files.stream().map(Path::toString).toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        catch (SQLException ex) {
            throw new IOException("Could not read the Parquet footers: " + ex.getMessage(), ex);
        }
        return rows;
    }

    private Path resolve(String key) {
        Path resolved = this.root.resolve(key).normalize();
        if (!resolved.startsWith(this.root)) {
            throw new IllegalArgumentException("Not a key of the lake: " + key);
        }
        return resolved;
    }

}
