package dev.weir.testing.upstreams;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One request as an upstream sees it: method, path, query parameters in their order, and
 * its headers.
 *
 * @param method the HTTP method, upper case
 * @param path the path, undecoded
 * @param query the query parameters in request order, names and values decoded
 * @param headers a header's first value by name (case-insensitive), or {@code null}
 */
record UpstreamRequest(String method, String path, List<Map.Entry<String, String>> query,
        UnaryOperator<String> headers) {

    static UpstreamRequest of(String method, String url, UnaryOperator<String> headers) {
        int mark = url.indexOf('?');
        String path = (mark < 0) ? url : url.substring(0, mark);
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (mark >= 0) {
            for (String pair : url.substring(mark + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode((eq < 0) ? pair : pair.substring(0, eq));
                String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
                query.add(Map.entry(name, value));
            }
        }
        return new UpstreamRequest(method.toUpperCase(Locale.ROOT), path, List.copyOf(query), headers);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * The first value of a query parameter, its name compared case-insensitively, or
     * {@code null}.
     */
    String param(String name) {
        return this.query.stream()
            .filter((entry) -> entry.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    }

    /**
     * All values of a query parameter, comma-separated lists split, its name compared
     * case-insensitively.
     */
    List<String> params(String name) {
        return this.query.stream()
            .filter((entry) -> entry.getKey().equalsIgnoreCase(name))
            .flatMap((entry) -> List.of(entry.getValue().split(",")).stream())
            .map(String::trim)
            .filter((value) -> !value.isEmpty())
            .toList();
    }

    boolean hasParam(String name) {
        return param(name) != null;
    }

    String header(String name) {
        return this.headers.apply(name);
    }

    /** The path and query as sent (parameters re-encoded), for {@code self} links. */
    String pathAndQuery() {
        if (this.query.isEmpty()) {
            return this.path;
        }
        return this.path + "?"
                + this.query.stream()
                    .map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                    .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The path, lower case, compared the way the FHRS API (ASP.NET) compares paths. */
    String normalisedPath() {
        String trimmed = (this.path.length() > 1 && this.path.endsWith("/"))
                ? this.path.substring(0, this.path.length() - 1) : this.path;
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * The URL that identifies what was asked for: lower-case path, query parameters
     * sorted by name (lower case) and value. Two requests for the same page in a
     * different parameter order count as the same URL.
     */
    String canonicalUrl() {
        return canonicalUrl(normalisedPath(), this.query);
    }

    static String canonicalUrl(String path, List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?"
                + query.stream()
                    .map((entry) -> Map.entry(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()))
                    .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                    .map((entry) -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining("&"));
    }

    /**
     * Canonical form of a path and query written by hand, as tests name the pages they
     * count.
     */
    static String canonicalUrl(String pathAndQuery) {
        UpstreamRequest request = of("GET", pathAndQuery, (name) -> null);
        return request.canonicalUrl();
    }

}
