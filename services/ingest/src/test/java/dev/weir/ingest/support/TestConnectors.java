package dev.weir.ingest.support;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Connectors the tests define, each pulling recorded FHRS establishments from its own
 * path of the test upstream ({@code /<name>/Establishments?pageNumber=n}) with quick
 * retries.
 */
public final class TestConnectors {

    private static final FhrsUpstream FHRS = new FhrsUpstream();

    private TestConnectors() {
    }

    /**
     * A connector pulling {@code /<name>/Establishments} page by page.
     * @param options more top-level options (YAML lines), or ""
     */
    public static String establishments(String name, String options) {
        return """
                name: %s
                base_url: %s
                budget: { requests_per_second: 1000, concurrency: 1 }
                timeouts: { connect: 2s, read: 1s }
                retry: { max_attempts: 4, initial_backoff: 10ms, max_backoff: 50ms }
                %s
                streams:
                  - name: establishments
                    path: /%s/Establishments
                    paginate: { type: page_number, param: pageNumber, total_pages: $.meta.totalPages }
                    records: $.establishments[*]
                    primary_key: FHRSID
                """.formatted(name, TestUpstream.baseUrl(), options, name);
    }

    /**
     * Recorded establishments (Rochford's, the first {@code pages * 50}) cut into pages
     * of 50.
     */
    public static List<ObjectNode> pages(int pages) {
        JsonNode rochford = FHRS.authorities()
            .stream()
            .filter((a) -> a.get("Name").asString().equals("Rochford"))
            .findFirst()
            .orElseThrow();
        List<JsonNode> records = FHRS.establishmentsOf(rochford).subList(0, pages * 50);
        List<ObjectNode> list = new java.util.ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            list.add(FhrsUpstream.page(records.subList((page - 1) * 50, page * 50), page, 50, records.size(), pages));
        }
        return list;
    }

    /** The request of page {@code number} of a test connector. */
    public static MappingBuilder page(String name, int number) {
        return get(urlPathEqualTo("/" + name + "/Establishments")).withQueryParam("pageNumber",
                equalTo(Integer.toString(number)));
    }

    /** Stubs every page. */
    public static void stubPages(WireMockServer server, String name, List<ObjectNode> pages) {
        for (int i = 0; i < pages.size(); i++) {
            server.stubFor(page(name, i + 1).willReturn(FhrsUpstream.json(pages.get(i))));
        }
    }

    /**
     * A query parameter of a URL as {@code Counters} names it (parameter names in lower
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
