package dev.weir.ingest.lake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the lake's files live: a directory ({@code file://}) or a bucket ({@code s3://}).
 * A file becomes visible only complete, never in part.
 */
interface LakeStorage extends AutoCloseable {

    /**
     * A local file to write {@code key}'s content into, then {@link #publish} it. For a
     * directory it is a hidden file next to its final place (so publishing is a rename).
     */
    Path stage(String key) throws IOException;

    /**
     * Makes the staged file visible as {@code key}, whole: an atomic rename, or one
     * {@code PUT} (a multipart upload completed after its last part). Replaces a file of
     * the same name.
     * @param rows the file's rows, kept with it
     */
    void publish(String key, Path staged, long rows) throws IOException;

    /** Every {@code .parquet} file under {@code prefix} ("" for all), with its rows. */
    List<LakeFile> list(String prefix) throws IOException;

    /**
     * Deletes what a writer killed while writing left (hidden files, unfinished uploads).
     */
    void cleanUp() throws IOException;

    /** Where it is, for logs and the admin API. */
    String location();

    @Override
    default void close() {
    }

    /**
     * A file of the lake.
     *
     * @param key its path under the lake's root,
     * {@code <dataset>/date=.../hour=.../<name>}
     * @param bytes its size
     * @param rows its rows, or -1 if unknown
     */
    record LakeFile(String key, long bytes, long rows) {
    }

}
