package dev.weir.cli;

import java.net.URI;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * Where the running Weir's services are: the one place that derives a service's admin
 * URL. With {@code --url} / {@code WEIR_URL} every service is reached there (a gateway in
 * front of them, or, until the edge gateway exists, the one service a command talks to);
 * without it, each service of a local {@code weir up} on its own port
 * ({@code WEIR_INGEST_PORT}, default 8082; {@code WEIR_PIPELINE_PORT}, default 8083).
 * When the edge gateway comes, its URL becomes the default and this class is all that
 * changes.
 */
public final class WeirUrls {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:WEIR_URL}",
            description = "Weir's URL (env WEIR_URL); default: each service of a local `weir up` on its port "
                    + "(ingest: http://localhost:$WEIR_INGEST_PORT, 8082; pipeline: $WEIR_PIPELINE_PORT, 8083).")
    String url;

    private final Map<String, String> environment;

    public WeirUrls() {
        this(System.getenv());
    }

    WeirUrls(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The Ingest service's admin API. */
    public URI ingest() {
        return service("WEIR_INGEST_PORT", 8082);
    }

    /** The Pipeline service's admin API. */
    public URI pipeline() {
        return service("WEIR_PIPELINE_PORT", 8083);
    }

    private URI service(String portVariable, int defaultPort) {
        if (this.url != null && !this.url.isBlank()) {
            String base = this.url.strip();
            return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        }
        String port = this.environment.get(portVariable);
        return URI.create("http://localhost:" + ((port != null && !port.isBlank()) ? port.strip() : defaultPort));
    }

}
