package dev.weir.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.weir.testing.upstreams.Counters;
import dev.weir.testing.upstreams.Fault;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connectors the tests define, each pulling Rochford's recorded establishments page by
 * page ({@code /Establishments?localAuthorityId=15&pageNumber=n}) from an FHRS upstream
 * of its test (testing/upstreams' {@link FhrsUpstream} serving {@link FhrsSlice}, cut to
 * a known number of pages), with quick retries; and what the tests compare with.
 */
public final class TestConnectors {

    /** Rochford's {@code LocalAuthorityId}: 491 establishments in the slice. */
    public static final int ROCHFORD = 15;

    /** The page size the upstreams of {@link #upstream(int)} serve. */
    private static final int PAGE_SIZE = 50;

    private static final String ROCHFORD_CODE = "118";

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestConnectors() {
    }

    /**
     * An FHRS upstream, to be started (and closed by the test), whose Rochford has its
     * first {@code pages * 50} recorded establishments: exactly {@code pages} pages of
     * 50.
     */
    public static FhrsUpstream.Builder upstream(int pages) {
        return FhrsUpstream.builder()
            .dataSet(FhrsSlice.dataSet().limitPerAuthority(pages * PAGE_SIZE))
            .pageSize(PAGE_SIZE);
    }

    /**
     * A connector pulling Rochford's establishments from {@code upstream} page by page.
     * @param options more top-level options (YAML lines), or ""
     */
    public static String establishments(String name, FhrsUpstream upstream, String options) {
        return establishments(name, upstream.baseUrl(), options);
    }

    /**
     * A connector pulling Rochford's establishments from the FHRS API at {@code baseUrl}
     * page by page; the API's {@code x-api-version} header is the stream's, so
     * {@code options} may set top-level {@code headers}.
     * @param options more top-level options (YAML lines), or ""
     */
    public static String establishments(String name, String baseUrl, String options) {
        return """
                name: %s
                base_url: %s
                budget: { requests_per_second: 1000, concurrency: 1 }
                timeouts: { connect: 2s, read: 1s }
                retry: { max_attempts: 4, initial_backoff: 10ms, max_backoff: 50ms }
                %s
                streams:
                  - name: establishments
                    path: /Establishments
                    headers: { x-api-version: "2" }
                    params: { localAuthorityId: %d }
                    paginate: { type: page_number, param: pageNumber, total_pages: $.meta.totalPages }
                    records: $.establishments[*]
                    primary_key: FHRSID
                """.formatted(name, baseUrl, options, ROCHFORD);
    }

    /**
     * The path and query of page {@code number} as the connectors ask for it, which is
     * how {@link Counters} names it.
     */
    public static String page(int number) {
        return "/Establishments?localAuthorityId=" + ROCHFORD + "&pageNumber=" + number;
    }

    /** {@code fault} on page {@code number} only. */
    public static Fault onPage(int number, Fault fault) {
        return fault.on("/Establishments").withQuery("pageNumber", Integer.toString(number));
    }

    /**
     * Rochford's first {@code pages * 50} recorded establishments in the recorded order:
     * what {@link #upstream(int) upstream(pages)} serves, page 1 first.
     */
    public static List<JsonNode> records(int pages) {
        return FhrsSlice.dataSet()
            .establishmentRecords()
            .stream()
            .filter((record) -> record.get("LocalAuthorityCode").asString().equals(ROCHFORD_CODE))
            .limit((long) pages * PAGE_SIZE)
            .toList();
    }

    /**
     * The body of page {@code number} as {@code upstream} serves it (one request to it).
     */
    public static byte[] served(FhrsUpstream upstream, int number) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + page(number)))
            .header("x-api-version", "2")
            .build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Page {@code number} as {@code upstream} serves it, parsed (one request to it). */
    public static ObjectNode servedPage(FhrsUpstream upstream, int number) {
        return (ObjectNode) JSON.readTree(served(upstream, number));
    }

    /** A page as JSON text. */
    public static String json(JsonNode page) {
        return JSON.writeValueAsString(page);
    }

    /**
     * The page numbers {@code upstream} was asked for, each as often as it was asked, in
     * ascending order.
     */
    public static List<String> pagesRequested(FhrsUpstream upstream) {
        List<String> pages = new ArrayList<>();
        for (Map.Entry<String, Counters.UrlView> url : upstream.counters().snapshot().perUrl().entrySet()) {
            String number = param(url.getKey(), "pagenumber");
            if (number != null) {
                pages.addAll(Collections.nCopies((int) url.getValue().requests(), number));
            }
        }
        pages.sort(Comparator.comparingInt(Integer::parseInt));
        return pages;
    }

    /**
     * A query parameter of a URL as {@link Counters} names it (parameter names in lower
     * case), or {@code null}.
     */
    public static String param(String canonicalUrl, String name) {
        int query = canonicalUrl.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : canonicalUrl.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

}
