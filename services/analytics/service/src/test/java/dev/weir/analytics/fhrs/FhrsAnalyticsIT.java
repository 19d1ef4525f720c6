package dev.weir.analytics.fhrs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.analytics.support.Sources;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The food hygiene endpoints on every establishment of the FHRS bootcamp file (39,779
 * objects, 39,717 FHRSIDs), against counts made here from the same file.
 */
@AnalyticsIT
class FhrsAnalyticsIT {

    @LocalServerPort
    int port;

    Http http;

    List<Sources.Establishment> establishments;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port, "analytics.read");
        this.establishments = LoadedWarehouse.get().establishments;
    }

    @Test
    void everyAuthoritysDistributionCountsItsEstablishmentsByRating() {
        Map<String, Map<String, Long>> expected = this.establishments.stream()
            .collect(Collectors.groupingBy((e) -> (e.authorityName() != null) ? e.authorityName() : "",
                    Collectors.groupingBy(Sources.Establishment::label, Collectors.counting())));
        List<JsonNode> authorities = new ArrayList<>();
        String next = "/fhrs/ratings/authorities?limit=4";
        while (next != null) {
            JsonNode page = this.http.get(next.replaceFirst("^http://[^/]+", "")).json();
            page.get("items").forEach(authorities::add);
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(authorities.stream().map((a) -> a.get("authority").asString()))
            .containsExactlyElementsOf(expected.keySet().stream().sorted().toList());
        for (JsonNode authority : authorities) {
            Map<String, Long> counts = new java.util.HashMap<>();
            authority.get("ratings")
                .forEach((r) -> counts.put(r.get("rating").asString(), r.get("establishments").asLong()));
            String name = authority.get("authority").asString();
            assertThat(counts).as(name).isEqualTo(expected.get(name));
            assertThat(authority.get("establishments").asLong())
                .isEqualTo(expected.get(name).values().stream().mapToLong(Long::longValue).sum());
        }
        assertThat(authorities.stream().mapToLong((a) -> a.get("establishments").asLong()).sum()).isEqualTo(39_717);
    }

    @Test
    void businessTypesOfOneAuthorityCountItsEstablishments() {
        Map<String, Long> expected = this.establishments.stream()
            .filter((e) -> "Newham".equals(e.authorityName()))
            .collect(Collectors.groupingBy((e) -> (e.businessType() != null) ? e.businessType() : "",
                    Collectors.counting()));
        JsonNode body = this.http.get("/fhrs/ratings/business-types?authority=Newham").json();
        assertThat(body.get("authority").asString()).isEqualTo("Newham");
        Map<String, Long> actual = new java.util.HashMap<>();
        body.get("business_types")
            .forEach((t) -> actual.put(t.get("business_type").asString(), t.get("establishments").asLong()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void authoritiesAreRankedByTheirShareOfLowRatings() {
        record Share(String authority, long rated, long low) {
            double share() {
                return (double) this.low / this.rated;
            }
        }
        List<Share> expected = this.establishments.stream()
            .filter((e) -> e.ratingScore() != null)
            .collect(Collectors.groupingBy((e) -> (e.authorityName() != null) ? e.authorityName() : ""))
            .entrySet()
            .stream()
            .map((a) -> new Share(a.getKey(), a.getValue().size(),
                    a.getValue().stream().filter((e) -> e.ratingScore() <= 2).count()))
            .filter((s) -> s.rated() >= 20)
            .sorted(Comparator.comparingDouble(Share::share).reversed().thenComparing(Share::authority))
            .toList();
        List<JsonNode> ranked = new ArrayList<>();
        String next = "/fhrs/authorities/low-ratings?min_rated=20&limit=3";
        while (next != null) {
            JsonNode page = this.http.get(next.replaceFirst("^http://[^/]+", "")).json();
            page.get("items").forEach(ranked::add);
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(ranked).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(ranked.get(i).get("authority").asString()).isEqualTo(expected.get(i).authority());
            assertThat(ranked.get(i).get("rank").asInt()).isEqualTo(i + 1);
            assertThat(ranked.get(i).get("low").asLong()).isEqualTo(expected.get(i).low());
            assertThat(ranked.get(i).get("share").asDouble()).isCloseTo(expected.get(i).share(), within(1e-12));
        }
    }

    @Test
    void establishmentsNearAPointAreThoseWithinTheRadiusNearestFirst() {
        Sources.Establishment centre = this.establishments.stream()
            .filter((e) -> "Newham".equals(e.authorityName()) && e.latitude() != null)
            .findFirst()
            .orElseThrow();
        double lat = centre.latitude();
        double lon = centre.longitude();
        List<Sources.Establishment> expected = this.establishments.stream()
            .filter((e) -> e.latitude() != null && e.longitude() != null)
            .filter((e) -> Sources.haversine(lat, lon, e.latitude(), e.longitude()) <= 1000)
            .sorted(Comparator
                .comparingDouble((Sources.Establishment e) -> Sources.haversine(lat, lon, e.latitude(), e.longitude()))
                .thenComparingLong(Sources.Establishment::fhrsId))
            .toList();
        assertThat(expected).hasSizeGreaterThan(10);
        List<JsonNode> found = new ArrayList<>();
        String next = "/fhrs/establishments/near?lat=" + lat + "&lon=" + lon + "&radius_m=1000&limit=9";
        while (next != null) {
            JsonNode page = this.http.get(next.replaceFirst("^http://[^/]+", "")).json();
            page.get("items").forEach(found::add);
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(found.stream().map((e) -> e.get("fhrs_id").asLong()))
            .containsExactlyElementsOf(expected.stream().map(Sources.Establishment::fhrsId).toList());
        assertThat(found.get(0).get("distance_m").asDouble()).isCloseTo(0, within(1e-6));
        assertThat(found.get(found.size() - 1).get("distance_m").asDouble()).isLessThanOrEqualTo(1000);
    }

    @Test
    void aSearchNearAPointNamesEachBadParameter() {
        Http.Response missing = this.http.get("/fhrs/establishments/near?lon=0.02");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("lat");
        Http.Response far = this.http.get("/fhrs/establishments/near?lat=51.5&lon=0.02&radius_m=90000");
        assertThat(far.status()).isEqualTo(422);
        assertThat(far.json().get("errors").get(0).get("field").asString()).isEqualTo("radius_m");
        assertThat(far.json().get("errors").get(0).get("detail").asString()).contains("between 1 and 50000");
        Http.Response pole = this.http.get("/fhrs/establishments/near?lat=91&lon=0");
        assertThat(pole.json().get("errors").get(0).get("field").asString()).isEqualTo("lat");
        Http.Response text = this.http.get("/fhrs/establishments/near?lat=51.5&lon=east");
        assertThat(text.json().get("errors").get(0).get("detail").asString()).isEqualTo("must be a number, got 'east'");
    }

}
