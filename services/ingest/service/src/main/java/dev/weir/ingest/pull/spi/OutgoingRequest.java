package dev.weir.ingest.pull.spi;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A GET request being planned: its URL and headers. Paginators set parameters or replace
 * the URL; authenticators add credentials after the engine has taken the request's
 * fingerprint, so credentials never enter fingerprints, checkpoints or Kafka headers.
 */
public final class OutgoingRequest {

    private URI uri;

    private final Map<String, String> headers = new LinkedHashMap<>();

    public OutgoingRequest(URI uri) {
        this.uri = Objects.requireNonNull(uri);
    }

    public URI uri() {
        return this.uri;
    }

    /** Replaces the URL (a next link), keeping the headers. */
    public void uri(URI uri) {
        this.uri = Objects.requireNonNull(uri);
    }

    /** Sets a query parameter, replacing any with the same name. */
    public void queryParam(String name, String value) {
        this.uri = withQueryParam(this.uri, name, value);
    }

    /** Sets a header, replacing any with the same name (names are case-insensitive). */
    public void header(String name, String value) {
        this.headers.keySet().removeIf((existing) -> existing.equalsIgnoreCase(name));
        this.headers.put(name, value);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(this.headers);
    }

    /** A copy, for one attempt to authenticate without changing the planned request. */
    public OutgoingRequest copy() {
        OutgoingRequest copy = new OutgoingRequest(this.uri);
        copy.headers.putAll(this.headers);
        return copy;
    }

    static URI withQueryParam(URI uri, String name, String value) {
        String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
        StringBuilder query = new StringBuilder();
        String existing = uri.getRawQuery();
        if (existing != null && !existing.isEmpty()) {
            for (String pair : existing.split("&")) {
                String pairName = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pairName.equals(encodedName) && !pair.isEmpty()) {
                    query.append(query.isEmpty() ? "" : "&").append(pair);
                }
            }
        }
        query.append(query.isEmpty() ? "" : "&")
            .append(encodedName)
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        String base = uri.toString();
        int cut = base.indexOf('?');
        if (cut < 0) {
            cut = base.indexOf('#');
        }
        String head = (cut < 0) ? base : base.substring(0, cut);
        return URI.create(head + "?" + query);
    }

}
