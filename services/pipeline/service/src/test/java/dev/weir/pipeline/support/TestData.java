package dev.weir.pipeline.support;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.testing.infra.RepositoryData;

/**
 * The real data sets the pipeline's tests read, in one place: the repository's
 * {@code data/} folder ({@link RepositoryData}), never anything outside the repository.
 */
public final class TestData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestData() {
    }

    /**
     * A file under {@code data/}, e.g. {@code fhrs/json/establishments_39779.json.gz}.
     */
    public static Path path(String relative) {
        return RepositoryData.file(relative);
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
        return new String(bytes(relative), StandardCharsets.UTF_8).lines().toList();
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

    /**
     * The first {@code rows} data rows of the Online Retail file with its header, written
     * to a new file under {@code directory} (the importer reads a file).
     */
    public static Path onlineRetailHead(int rows, Path directory) {
        Path file = directory.resolve("online_retail_" + rows + ".csv");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path("online-retail/online_retail.csv.gz"))),
                StandardCharsets.UTF_8)); BufferedWriter out = Files.newBufferedWriter(file)) {
            String line = in.readLine();
            for (int i = 0; line != null && i <= rows; i++, line = in.readLine()) {
                out.write(line);
                out.write('\n');
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the Online Retail head to " + file, ex);
        }
        return file;
    }

}
