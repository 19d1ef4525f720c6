package dev.weir.testing.upstreams;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The FHRS API v2 as served from the bundled slice. */
class FhrsUpstreamTest {

    // Rochford: 74 establishments in the slice, 3 FHRSIDs twice
    private static final int ROCHFORD = 15;

    // East Renfrewshire: 108, Scottish FHIS ratings
    private static final int EAST_RENFREWSHIRE = 224;

    private static FhrsUpstream fhrs;

    @BeforeAll
    static void start() {
        fhrs = FhrsUpstream.builder().slice().pageSize(50).start();
    }

    @AfterAll
    static void stop() {
        fhrs.close();
    }

    @Test
    void refusesRequestsWithoutTheApiVersionHeaderWith400() throws Exception {
        HttpResponse<byte[]> response = Http.get(fhrs.baseUrl() + "/Authorities");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("message").asString()).contains("x-api-version: 2");
        assertThat(Http.get(fhrs.baseUrl() + "/Authorities", "x-api-version", "1").statusCode()).isEqualTo(400);
    }

    @Test
    void answersTheRecordedAuthoritiesResponseAsRecorded() throws Exception {
        HttpResponse<byte[]> response = Http.fhrs(fhrs.baseUrl() + "/Authorities");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FhrsDataSet.slice().authoritiesBody());
        assertThat(response.headers().firstValue("X-Weir-Upstream-Source"))
            .hasValueSatisfying((source) -> assertThat(source).startsWith("recorded"));
        assertThat(Http.json(response).path("authorities")).hasSize(6);
    }

    @Test
    void listsOnlyTheAuthoritiesWithEstablishmentsWhenAsked() throws Exception {
        try (FhrsUpstream only = FhrsUpstream.builder().slice().onlyAuthoritiesWithEstablishments(true).start()) {
            JsonNode body = Http.json(Http.fhrs(only.baseUrl() + "/authorities"));
            List<Integer> ids = new ArrayList<>();
            body.path("authorities").forEach((authority) -> ids.add(authority.path("LocalAuthorityId").asInt()));
            assertThat(ids).containsExactlyInAnyOrder(18, 95, 224, ROCHFORD);
            assertThat(body.path("meta").path("totalCount").asInt()).isEqualTo(4);
            assertThat(body.path("meta").path("itemCount").asInt()).isEqualTo(4);
        }
    }

    @Test
    void pagesAnAuthoritysEstablishmentsWithConsistentMetaAndLinks() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            String url = fhrs.baseUrl() + "/Establishments?localAuthorityId=" + EAST_RENFREWSHIRE + "&pageNumber="
                    + page + "&pageSize=50";
            JsonNode body = Http.json(Http.fhrs(url));
            JsonNode meta = body.path("meta");
            assertThat(meta.path("totalCount").asInt()).isEqualTo(108);
            assertThat(meta.path("totalPages").asInt()).isEqualTo(3);
            assertThat(meta.path("pageSize").asInt()).isEqualTo(50);
            assertThat(meta.path("pageNumber").asInt()).isEqualTo(page);
            assertThat(meta.path("returncode").asString()).isEqualTo("OK");
            // as the real API: itemCount 0 on establishment searches
            assertThat(meta.path("itemCount").asInt()).isZero();
            assertThat(body.path("links").get(0).path("rel").asString()).isEqualTo("self");
            assertThat(body.path("links").get(0).path("href").asString()).isEqualTo(url);
            body.path("establishments").forEach((establishment) -> {
                assertThat(establishment.path("LocalAuthorityCode").asString()).isEqualTo("787");
                ids.add(establishment.path("FHRSID").asLong());
            });
            assertThat(body.path("establishments")).hasSize((page < 3) ? 50 : 8);
        }
        assertThat(ids).hasSize(108).doesNotHaveDuplicates();
    }

    @Test
    void keepsTheRecordedQuirks() throws Exception {
        List<String> ratings = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode scottish = Http.json(Http.fhrs(
                    fhrs.baseUrl() + "/establishments?LOCALAUTHORITYID=" + EAST_RENFREWSHIRE + "&pagenumber=" + page));
            scottish.path("establishments").forEach((establishment) -> {
                ratings.add(establishment.path("RatingValue").asString());
                dates.add(establishment.path("RatingDate").asString());
            });
        }

        assertThat(ratings).contains("Pass", "Awaiting Inspection");
        assertThat(dates).contains("1900-01-01T00:00:00");
        JsonNode rochford = Http
            .json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=" + ROCHFORD + "&pageNumber=2"));
        List<Long> ids = new ArrayList<>();
        rochford.path("establishments").forEach((establishment) -> ids.add(establishment.path("FHRSID").asLong()));
        assertThat(rochford.path("meta").path("totalCount").asInt()).isEqualTo(74);
        // no pageSize: the upstream's 50; the 3 duplicates are on page 2
        assertThat(rochford.path("meta").path("pageSize").asInt()).isEqualTo(50);
        assertThat(ids).hasSize(24);
        assertThat(ids.stream().distinct().count()).isEqualTo(21);
    }

    @Test
    void answersAnEmptyPagePastTheLastAndForAnAuthorityWithoutEstablishments() throws Exception {
        JsonNode past = Http
            .json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=" + ROCHFORD + "&pageNumber=9"));
        assertThat(past.path("establishments")).isEmpty();
        assertThat(past.path("meta").path("totalPages").asInt()).isEqualTo(2);
        JsonNode none = Http.json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=197"));
        assertThat(none.path("establishments")).isEmpty();
        assertThat(none.path("meta").path("totalCount").asInt()).isZero();
        assertThat(none.path("meta").path("totalPages").asInt()).isZero();
    }

    @Test
    void refusesPageParametersThatAreNotPositiveNumbersWith400() throws Exception {
        assertThat(Http.fhrs(fhrs.baseUrl() + "/Establishments?pageNumber=0").statusCode()).isEqualTo(400);
        assertThat(Http.fhrs(fhrs.baseUrl() + "/Establishments?pageSize=x").statusCode()).isEqualTo(400);
        assertThat(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void answersOneEstablishmentByFhrsIdOr404() throws Exception {
        JsonNode first = Http.json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=95&pageSize=1"))
            .path("establishments")
            .get(0);
        long id = first.path("FHRSID").asLong();
        HttpResponse<byte[]> one = Http.fhrs(fhrs.baseUrl() + "/Establishments/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Http.json(one)).isEqualTo(first);
        assertThat(Http.fhrs(fhrs.baseUrl() + "/Establishments/1").statusCode()).isEqualTo(404);
        assertThat(Http.fhrs(fhrs.baseUrl() + "/Nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void derivesBusinessTypesAndRatingsFromTheRecords() throws Exception {
        HttpResponse<byte[]> types = Http.fhrs(fhrs.baseUrl() + "/BusinessTypes");
        assertThat(types.headers().firstValue("X-Weir-Upstream-Source").orElseThrow()).startsWith("derived");
        JsonNode typeList = Http.json(types).path("businessTypes");
        assertThat(typeList).isNotEmpty();
        assertThat(typeList.get(0).has("BusinessTypeId")).isTrue();
        assertThat(typeList.get(0).has("BusinessTypeName")).isTrue();
        JsonNode ratings = Http.json(Http.fhrs(fhrs.baseUrl() + "/Ratings"));
        List<String> keys = new ArrayList<>();
        ratings.path("ratings").forEach((rating) -> keys.add(rating.path("ratingKey").asString()));
        assertThat(keys).contains("fhis_pass_en-gb", "fhis_awaiting_inspection_en-gb", "fhrs_5_en-gb",
                "fhrs_awaitinginspection_en-gb");
        assertThat(ratings.path("meta").path("totalCount").asInt()).isEqualTo(keys.size());
    }

    @Test
    void refusesOtherMethodsThanGetWith405() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fhrs.baseUrl() + "/Authorities"))
            .header("x-api-version", "2")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .build();
        var response = java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(405);
    }

}
