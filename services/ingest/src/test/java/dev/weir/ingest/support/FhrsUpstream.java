package dev.weir.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The FHRS API v2 as the tests' upstream, serving the recorded data of
 * {@code src/test/resources/fhrs} (see PROVENANCE.md): {@code GET /Authorities}, and
 * {@code GET /Establishments?localAuthorityId=&pageNumber=&pageSize=} cut into pages with
 * the real envelope ({@code establishments}, {@code meta}, {@code links}). Like the real
 * API, it answers 400 without {@code x-api-version: 2}.
 */
public final class FhrsUpstream {

    /** The page size the tests' FHRS connector asks for. */
    public static final int PAGE_SIZE = 50;

    public static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode authorities;

    private final List<JsonNode> establishments;

    public FhrsUpstream() {
        this.authorities = read("/fhrs/authorities.json", false);
        this.establishments = new ArrayList<>();
        read("/fhrs/establishments.json.gz", true).forEach(this.establishments::add);
    }

    /** The authorities (5). */
    public List<JsonNode> authorities() {
        List<JsonNode> list = new ArrayList<>();
        this.authorities.get("authorities").forEach(list::add);
        return list;
    }

    /** Every establishment, in the recorded order (733, with duplicate FHRSIDs). */
    public List<JsonNode> establishments() {
        return List.copyOf(this.establishments);
    }

    /** The establishments of one authority, by its id, in the recorded order. */
    public List<JsonNode> establishmentsOf(JsonNode authority) {
        String code = authority.get("LocalAuthorityIdCode").asString();
        return this.establishments.stream().filter((e) -> e.get("LocalAuthorityCode").asString().equals(code)).toList();
    }

    /** The pages each authority's establishments are cut into, by authority id. */
    public Map<String, List<ObjectNode>> pages(int pageSize) {
        Map<String, List<ObjectNode>> pages = new LinkedHashMap<>();
        for (JsonNode authority : authorities()) {
            List<JsonNode> all = establishmentsOf(authority);
            int totalPages = (all.size() + pageSize - 1) / pageSize;
            List<ObjectNode> list = new ArrayList<>();
            for (int page = 1; page <= Math.max(totalPages, 1); page++) {
                list.add(page(
                        all.subList(Math.min((page - 1) * pageSize, all.size()), Math.min(page * pageSize, all.size())),
                        page, pageSize, all.size(), totalPages));
            }
            pages.put(authority.get("LocalAuthorityId").asString(), list);
        }
        return pages;
    }

    /** A page with the API's envelope. */
    public static ObjectNode page(List<JsonNode> records, int pageNumber, int pageSize, int totalCount,
            int totalPages) {
        ObjectNode page = NODES.objectNode();
        ArrayNode establishments = page.putArray("establishments");
        records.forEach(establishments::add);
        ObjectNode meta = page.putObject("meta");
        meta.put("dataSource", "Lucene");
        meta.put("extractDate", "2022-09-08T13:39:59.3506418+01:00");
        meta.put("itemCount", records.size());
        meta.put("returncode", "OK");
        meta.put("totalCount", totalCount);
        meta.put("totalPages", totalPages);
        meta.put("pageSize", pageSize);
        meta.put("pageNumber", pageNumber);
        ArrayNode links = page.putArray("links");
        links.addObject().put("rel", "self").put("href", "http://api.ratings.food.gov.uk/establishments");
        return page;
    }

    /** Stubs the whole API on {@code server}. */
    public void stub(WireMockServer server, int pageSize) {
        server.stubFor(api(get(urlPathEqualTo("/Authorities"))).willReturn(json(this.authorities)));
        server.stubFor(get(urlPathEqualTo("/Authorities")).atPriority(9)
            .willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Message\":\"The request is invalid: x-api-version header required\"}")));
        pages(pageSize).forEach((authorityId, pages) -> {
            for (int i = 0; i < pages.size(); i++) {
                server.stubFor(establishmentsPage(authorityId, i + 1, pageSize).willReturn(json(pages.get(i))));
            }
        });
        server.stubFor(api(get(urlPathEqualTo("/BusinessTypes"))).willReturn(json(businessTypes())));
        server.stubFor(api(get(urlPathEqualTo("/Ratings"))).willReturn(json(ratings())));
    }

    /** The request of one page of an authority's establishments. */
    public static MappingBuilder establishmentsPage(String authorityId, int pageNumber, int pageSize) {
        return api(get(urlPathEqualTo("/Establishments"))).withQueryParam("localAuthorityId", equalTo(authorityId))
            .withQueryParam("pageNumber", equalTo(Integer.toString(pageNumber)))
            .withQueryParam("pageSize", equalTo(Integer.toString(pageSize)));
    }

    private static MappingBuilder api(MappingBuilder request) {
        return request.withHeader("x-api-version", equalTo("2"));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(JsonNode body) {
        return aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(JSON.writeValueAsString(body));
    }

    /** {@code /BusinessTypes}, derived from the establishments (none was recorded). */
    public ObjectNode businessTypes() {
        Map<Integer, String> types = new java.util.TreeMap<>();
        this.establishments
            .forEach((e) -> types.put(e.get("BusinessTypeID").asInt(), e.get("BusinessType").asString()));
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("businessTypes");
        types.forEach((id, name) -> list.addObject()
            .put("BusinessTypeId", id)
            .put("BusinessTypeName", name)
            .set("links",
                    NODES.arrayNode()
                        .add(NODES.objectNode()
                            .put("rel", "self")
                            .put("href", "http://api.ratings.food.gov.uk/businesstypes/" + id))));
        body.set("meta", meta(list.size()));
        body.putArray("links")
            .addObject()
            .put("rel", "self")
            .put("href", "http://api.ratings.food.gov.uk/businesstypes");
        return body;
    }

    /** {@code /Ratings}, derived from the establishments (none was recorded). */
    public ObjectNode ratings() {
        Map<String, String> keys = new java.util.TreeMap<>();
        this.establishments.forEach((e) -> keys.put(e.get("RatingKey").asString(), e.get("RatingValue").asString()));
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("ratings");
        int id = 0;
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            list.addObject()
                .put("ratingId", ++id)
                .put("ratingName", entry.getValue())
                .put("ratingKey", entry.getKey())
                .put("ratingKeyName", entry.getKey())
                .put("schemeTypeId", 1);
        }
        body.set("meta", meta(list.size()));
        body.putArray("links").addObject().put("rel", "self").put("href", "http://api.ratings.food.gov.uk/ratings");
        return body;
    }

    private static ObjectNode meta(int count) {
        ObjectNode meta = NODES.objectNode();
        meta.put("dataSource", "API");
        meta.put("extractDate", "2022-09-08T13:39:59.3506418+01:00");
        meta.put("itemCount", count);
        meta.put("returncode", "OK");
        meta.put("totalCount", count);
        meta.put("totalPages", 1);
        meta.put("pageSize", count);
        meta.put("pageNumber", 1);
        return meta;
    }

    private static JsonNode read(String resource, boolean gzip) {
        try (InputStream in = FhrsUpstream.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            return JSON.readTree(gzip ? new GZIPInputStream(in) : in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
