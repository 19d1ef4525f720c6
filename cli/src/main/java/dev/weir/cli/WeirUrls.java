package dev.weir.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * Where the running Weir is and how the CLI proves it may manage it: the one place that
 * derives a service's admin URL and the credentials sent there. Every service is reached
 * through the edge, Weir's one door: {@code --url} / {@code WEIR_URL}, by default the
 * edge of a local {@code weir up} ({@code http://localhost:$WEIR_EDGE_PORT}, 8080). The
 * CLI sends the admin key ({@code X-API-Key}): {@code --admin-key-file}, else
 * {@code WEIR_ADMIN_KEY}, else the key {@code weir up} wrote into
 * {@code $WEIR_DATA_DIR/admin.key} ({@code weir-data} by default). Over HTTPS it also
 * trusts the self-signed certificate of {@code weir up --tls} there.
 */
public final class WeirUrls {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:WEIR_URL}",
            description = "Weir's URL, its edge (env WEIR_URL); default: the local `weir up`, "
                    + "http://localhost:$WEIR_EDGE_PORT (8080).")
    String url;

    @Option(names = "--admin-key-file", paramLabel = "FILE",
            description = "File holding the admin key (default: WEIR_ADMIN_KEY, else $WEIR_DATA_DIR/admin.key, "
                    + "which `weir up` writes on its first start).")
    Path adminKeyFile;

    private final Map<String, String> environment;

    public WeirUrls() {
        this(System.getenv());
    }

    WeirUrls(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The edge: keys, clients, usage and every service's API behind it. */
    public URI edge() {
        if (this.url != null && !this.url.isBlank()) {
            String base = this.url.strip();
            return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        }
        String port = this.environment.get("WEIR_EDGE_PORT");
        return URI.create("http://localhost:" + ((port != null && !port.isBlank()) ? port.strip() : 8080));
    }

    /** The Ingest service's admin API (through the edge). */
    public URI ingest() {
        return edge();
    }

    /** The Pipeline service's admin API (through the edge). */
    public URI pipeline() {
        return edge();
    }

    /** A client of the admin API at {@code base}, with the admin key if there is one. */
    AdminClient admin(URI base) {
        return new AdminClient(base, adminKey(), dataDir().resolve("tls").resolve("edge.crt"));
    }

    /**
     * An HTTP client for {@code base}: over HTTPS it trusts the self-signed certificate
     * of {@code weir up --tls} when there is one.
     */
    java.net.http.HttpClient httpClient(URI base) {
        return AdminClient.httpClient(base, dataDir().resolve("tls").resolve("edge.crt"));
    }

    private Path dataDir() {
        String dir = this.environment.get("WEIR_DATA_DIR");
        return Path.of((dir != null && !dir.isBlank()) ? dir.strip() : "weir-data");
    }

    /**
     * The admin key, or null when there is none (the edge then refuses, and the CLI says
     * where a key comes from).
     */
    String adminKey() {
        try {
            if (this.adminKeyFile != null) {
                return Files.readString(this.adminKeyFile).strip();
            }
            String given = this.environment.get("WEIR_ADMIN_KEY");
            if (given != null && !given.isBlank()) {
                return given.strip();
            }
            Path file = dataDir().resolve("admin.key");
            return Files.isReadable(file) ? Files.readString(file).strip() : null;
        }
        catch (IOException ex) {
            throw new CommandFailure(
                    (ex instanceof java.nio.file.NoSuchFileException) ? ExitCode.NOT_FOUND : ExitCode.BAD_INPUT,
                    "cannot read the admin key: " + ex.getMessage(), ex);
        }
    }

}
