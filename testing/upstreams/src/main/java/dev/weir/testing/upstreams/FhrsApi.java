package dev.weir.testing.upstreams;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.weir.testing.upstreams.FhrsDataSet.Establishment;

/**
 * The FHRS API v2 resources, answered from an {@link FhrsDataSet}:
 * {@code GET /Authorities}, {@code GET /Establishments} (paged, by
 * {@code localAuthorityId} or over all), {@code GET /Establishments/{id}},
 * {@code GET /BusinessTypes} and {@code GET /Ratings}. Paths and parameter names are
 * case-insensitive, as on the real API.
 */
final class FhrsApi {

    // The real API's establishment searches answer this meta (FHRS fixtures in public
    // client libraries agree):
    // dataSource "Lucene", a zero extractDate and itemCount 0 whatever the page holds.
    // Clients count the array.
    private static final String ESTABLISHMENTS_META = "{\"dataSource\":\"Lucene\",\"extractDate\":\"0001-01-01T00:00:00\","
            + "\"itemCount\":0,\"returncode\":\"OK\",\"totalCount\":%d,\"totalPages\":%d,\"pageSize\":%d,\"pageNumber\":%d}";

    private static final String REAL_BASE = "http://api.ratings.food.gov.uk";

    private final FhrsDataSet data;

    private final int pageSize;

    private final boolean onlyAuthoritiesWithEstablishments;

    FhrsApi(FhrsDataSet data, int pageSize, boolean onlyAuthoritiesWithEstablishments) {
        this.data = data;
        this.pageSize = pageSize;
        this.onlyAuthoritiesWithEstablishments = onlyAuthoritiesWithEstablishments;
    }

    FhrsDataSet data() {
        return this.data;
    }

    /**
     * Answers a request that carries {@code x-api-version: 2}.
     * @param request the request
     * @param baseUrl this upstream's base URL, for the {@code self} links of pages
     * @param changes how many times the data changed since it was recorded (see
     * {@link Fault#contentChanges()}): each change deletes the first establishment of the
     * list asked for, so later records move up a page
     */
    Answer answer(UpstreamRequest request, String baseUrl, int changes) {
        String path = request.normalisedPath();
        return switch (path) {
            case "/authorities" -> authorities();
            case "/establishments" -> establishments(request, baseUrl, changes);
            case "/businesstypes" -> businessTypes();
            case "/ratings" -> ratings();
            default -> path.startsWith("/establishments/") ? establishment(path.substring("/establishments/".length()))
                    : Answer.error(404, "No FHRS resource at " + request.path());
        };
    }

    private Answer authorities() {
        if (!this.onlyAuthoritiesWithEstablishments) {
            return Answer.json(200, this.data.authoritiesBody(), "recorded fhrs/json/authorities.json");
        }
        ObjectNode response = this.data.authoritiesResponse().deepCopy();
        ArrayNode kept = FhrsDataSet.json.createArrayNode();
        for (JsonNode authority : response.path("authorities")) {
            if (!this.data.establishmentsOf(authority.path("LocalAuthorityId").asInt()).isEmpty()) {
                kept.add(authority);
            }
        }
        response.set("authorities", kept);
        ObjectNode meta = (ObjectNode) response.path("meta");
        meta.put("itemCount", kept.size());
        meta.put("totalCount", kept.size());
        meta.put("pageSize", kept.size());
        return Answer.json(200, FhrsDataSet.json.writeValueAsBytes(response),
                "derived fhrs/json/authorities.json (only authorities with establishments)");
    }

    private Answer establishments(UpstreamRequest request, String baseUrl, int changes) {
        Integer pageNumber = positive(request.param("pageNumber"), 1);
        Integer asked = positive(request.param("pageSize"), this.pageSize);
        if (pageNumber == null || asked == null) {
            return Answer.error(400, "pageNumber and pageSize must be positive whole numbers");
        }
        int size = Math.min(asked, this.pageSize);
        List<Establishment> all;
        String authority = request.param("localAuthorityId");
        if (authority == null || authority.isBlank()) {
            all = this.data.establishments();
        }
        else {
            Integer authorityId = positive(authority, null);
            if (authorityId == null) {
                return Answer.error(400, "localAuthorityId must be a whole number");
            }
            all = this.data.establishmentsOf(authorityId);
        }
        all = all.subList(Math.min(changes, all.size()), all.size());
        int total = all.size();
        int totalPages = (total + size - 1) / size;
        int from = (int) Math.min((long) (pageNumber - 1) * size, total);
        int to = Math.min(from + size, total);
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(64, (to - from) * 1100));
        body.writeBytes(ascii("{\"establishments\":["));
        for (int i = from; i < to; i++) {
            if (i > from) {
                body.write(',');
            }
            body.writeBytes(all.get(i).json());
        }
        body.writeBytes(ascii("],\"meta\":" + ESTABLISHMENTS_META.formatted(total, totalPages, size, pageNumber)));
        ObjectNode self = FhrsDataSet.json.createObjectNode()
            .put("rel", "self")
            .put("href", baseUrl + request.pathAndQuery());
        body.writeBytes(ascii(",\"links\":[" + FhrsDataSet.json.writeValueAsString(self) + "]}"));
        String source = (changes == 0) ? "recorded fhrs/json establishments, paged here"
                : "derived fhrs/json establishments, " + changes + " deleted before this page";
        return Answer.json(200, body.toByteArray(), source);
    }

    private Answer establishment(String id) {
        Integer fhrsId = positive(id, null);
        Establishment establishment = (fhrsId != null) ? this.data.establishment(fhrsId) : null;
        if (establishment == null) {
            return Answer.error(404, "No establishment " + id);
        }
        return Answer.json(200, establishment.json(), "recorded fhrs/json establishments");
    }

    /**
     * Derived from the records' BusinessTypeID and BusinessType: no recorded
     * /BusinessTypes response exists.
     */
    private Answer businessTypes() {
        Map<Integer, String> types = new TreeMap<>();
        for (Establishment establishment : this.data.establishments()) {
            types.putIfAbsent(establishment.businessTypeId(), establishment.businessType());
        }
        ArrayNode list = FhrsDataSet.json.createArrayNode();
        types.forEach((id, name) -> {
            ObjectNode type = list.addObject().put("BusinessTypeId", id).put("BusinessTypeName", name);
            type.putArray("links").addObject().put("rel", "self").put("href", REAL_BASE + "/businesstypes/" + id);
        });
        return Answer.json(200, listResponse("businessTypes", list, "/businesstypes"),
                "derived from the establishments' BusinessTypeID/BusinessType (no recorded response)");
    }

    /**
     * Derived from the records' RatingValue and RatingKey: no recorded /Ratings response
     * exists. Ids are assigned here in key order; the real API's ids differ.
     */
    private Answer ratings() {
        Map<String, String> ratings = new TreeMap<>();
        for (Establishment establishment : this.data.establishments()) {
            ratings.putIfAbsent(establishment.ratingKey(), establishment.ratingValue());
        }
        ArrayNode list = FhrsDataSet.json.createArrayNode();
        int id = 0;
        for (Map.Entry<String, String> rating : ratings.entrySet()) {
            id++;
            ObjectNode node = list.addObject()
                .put("ratingId", id)
                .put("ratingName", rating.getValue())
                .put("ratingKey", rating.getKey())
                .put("ratingKeyName", rating.getValue())
                .put("schemeTypeId", rating.getKey().startsWith("fhis_") ? 2 : 1);
            node.putArray("links").addObject().put("rel", "self").put("href", REAL_BASE + "/ratings/" + id);
        }
        return Answer.json(200, listResponse("ratings", list, "/ratings"),
                "derived from the establishments' RatingValue/RatingKey (no recorded response)");
    }

    private byte[] listResponse(String name, ArrayNode list, String path) {
        ObjectNode response = FhrsDataSet.json.createObjectNode();
        response.set(name, list);
        response.putObject("meta")
            .put("dataSource", "API")
            .put("extractDate", this.data.authoritiesResponse().path("meta").path("extractDate").asString())
            .put("itemCount", list.size())
            .put("returncode", "OK")
            .put("totalCount", list.size())
            .put("totalPages", 1)
            .put("pageSize", list.size())
            .put("pageNumber", 1);
        response.putArray("links").addObject().put("rel", "self").put("href", REAL_BASE + path);
        return FhrsDataSet.json.writeValueAsBytes(response);
    }

    /**
     * A positive whole number, {@code fallback} when absent, {@code null} when not one.
     */
    private static Integer positive(String text, Integer fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return (value > 0) ? value : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
