package dev.weir.pipeline.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real data sets the pipeline's tests read, in one place: today the shared data
 * directory ({@code weir.shared.data}, else {@code ../shared/data} beside the
 * repository); when the files move into the repository, only {@link #path} changes.
 */
public final class TestData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestData() {
    }

    /** A file of the data sets, e.g. {@code fhrs/json/establishments_39779.json.gz}. */
    public static Path path(String relative) {
        String root = System.getProperty("weir.shared.data");
        Path base = (root != null) ? Path.of(root) : Path.of("..", "shared", "data");
        Path file = base.resolve(relative);
        if (!Files.exists(file)) {
            // run from the module's directory rather than the repository's
            Path fromModule = Path.of("../../../../shared/data").resolve(relative);
            if (Files.exists(fromModule)) {
                return fromModule;
            }
        }
        return file;
    }

    /** A file's bytes, gunzipped when it ends in {@code .gz}. */
    public static byte[] bytes(String relative) {
        Path file = path(relative);
        try (InputStream in = Files.newInputStream(file)) {
            InputStream data = relative.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return data.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read test data " + file, ex);
        }
    }

    /** A file's lines (gunzipped when it ends in {@code .gz}). */
    public static List<String> lines(String relative) {
        return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    /** The recorded FHRS establishments (39,779 objects, in the recorded order). */
    public static List<JsonNode> fhrsEstablishments() {
        JsonNode all = JSON.readTree(bytes("fhrs/json/establishments_39779.json.gz"));
        List<JsonNode> establishments = new ArrayList<>(all.size());
        all.forEach(establishments::add);
        return establishments;
    }

    /** A JSON file of the data sets, parsed. */
    public static JsonNode json(String relative) {
        return JSON.readTree(bytes(relative));
    }

}
