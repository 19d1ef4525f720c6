package dev.weir.testing.upstreams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

/**
 * One recorded Open-Meteo response body: where it was recorded for, which variables each
 * section holds, the bytes.
 *
 * @param name the file it came from, relative to the {@code open-meteo} directory
 * @param endpoint {@code forecast} or {@code archive}
 * @param latitude the latitude the request asked for (VCR cassettes) or the response
 * carries (bare bodies)
 * @param longitude the longitude likewise
 * @param sections per section ({@code hourly}, {@code daily}, {@code current},
 * {@code minutely_15}) its variables in recorded order, {@code time} and {@code interval}
 * left out
 * @param body the recorded body
 */
record OpenMeteoRecording(String name, String endpoint, double latitude, double longitude,
        Map<String, List<String>> sections, byte[] body) {

    static final List<String> SECTIONS = List.of("current", "minutely_15", "hourly", "daily");

    /**
     * The recordings in a directory such as {@code data/open-meteo}: bare bodies and VCR
     * cassettes.
     */
    static List<OpenMeteoRecording> loadDirectory(Path dir) {
        List<OpenMeteoRecording> recordings = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json")) {
                    recordings.add(ofBody(name, Files.readAllBytes(file), null, null));
                }
            }
            Path vcr = dir.resolve("vcr");
            if (Files.isDirectory(vcr)) {
                try (Stream<Path> cassettes = Files.list(vcr)) {
                    for (Path cassette : cassettes.sorted(Comparator.comparing(Path::toString)).toList()) {
                        if (cassette.toString().endsWith(".yml")) {
                            try (InputStream in = Files.newInputStream(cassette)) {
                                recordings.addAll(ofCassette("vcr/" + cassette.getFileName(), in));
                            }
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Open-Meteo recordings in " + dir, ex);
        }
        if (recordings.isEmpty()) {
            throw new IllegalStateException("No Open-Meteo recordings (*.json, vcr/*.yml) in " + dir);
        }
        return List.copyOf(recordings);
    }

    /**
     * A recorded body; the endpoint from the file name ({@code archive_...} or a
     * forecast).
     */
    static OpenMeteoRecording ofBody(String name, byte[] body, Double requestLatitude, Double requestLongitude) {
        JsonNode root = FhrsDataSet.json.readTree(body);
        String endpoint = name.contains("archive") ? "archive" : "forecast";
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            JsonNode node = root.get(section);
            if (node != null && node.isObject()) {
                sections.put(section,
                        node.propertyNames()
                            .stream()
                            .filter((variable) -> !variable.equals("time") && !variable.equals("interval"))
                            .toList());
            }
        }
        double latitude = (requestLatitude != null) ? requestLatitude : root.path("latitude").asDouble();
        double longitude = (requestLongitude != null) ? requestLongitude : root.path("longitude").asDouble();
        return new OpenMeteoRecording(name, endpoint, latitude, longitude, Map.copyOf(sections), body);
    }

    /**
     * The responses of a VCR cassette (Ruby's VCR): each at the coordinates of its
     * recorded request.
     */
    @SuppressWarnings("unchecked")
    static List<OpenMeteoRecording> ofCassette(String name, InputStream in) {
        Map<String, Object> cassette = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        List<OpenMeteoRecording> recordings = new ArrayList<>();
        for (Object item : (List<Object>) cassette.get("http_interactions")) {
            Map<String, Object> interaction = (Map<String, Object>) item;
            Map<String, Object> request = (Map<String, Object>) interaction.get("request");
            Map<String, Object> response = (Map<String, Object>) interaction.get("response");
            int status = (Integer) ((Map<String, Object>) response.get("status")).get("code");
            if (status != 200) {
                continue;
            }
            String body = (String) ((Map<String, Object>) response.get("body")).get("string");
            String uri = (String) request.get("uri");
            UpstreamRequest recorded = UpstreamRequest.of("GET", uri.substring(uri.indexOf("/v1/")), (header) -> null);
            recordings.add(ofBody(name, body.getBytes(StandardCharsets.UTF_8),
                    Double.parseDouble(recorded.param("latitude")), Double.parseDouble(recorded.param("longitude"))));
        }
        return recordings;
    }

    /**
     * Whether a request for these coordinates is for the place this was recorded for
     * (within 0.1°).
     */
    boolean isAt(double latitude, double longitude) {
        return Math.abs(latitude - this.latitude) <= 0.1 && Math.abs(longitude - this.longitude) <= 0.1;
    }

    /** Whether every requested section and variable is in this recording. */
    boolean covers(Map<String, List<String>> requested) {
        return requested.entrySet()
            .stream()
            .allMatch((entry) -> this.sections.containsKey(entry.getKey())
                    && this.sections.get(entry.getKey()).containsAll(entry.getValue()));
    }

    /**
     * How many variables and sections it holds beyond those requested: 0 for exactly the
     * request.
     */
    int surplus(Map<String, List<String>> requested) {
        int surplus = 0;
        for (Map.Entry<String, List<String>> section : this.sections.entrySet()) {
            List<String> asked = requested.get(section.getKey());
            surplus += (asked == null) ? 1 + section.getValue().size()
                    : (int) section.getValue().stream().filter((variable) -> !asked.contains(variable)).count();
        }
        return surplus;
    }

    @Override
    public String toString() {
        return this.name + " (" + this.latitude + ", " + this.longitude + ")";
    }

}
