package dev.weir.testing.upstreams;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Data sets from the classpath, cut down per authority, and their records. */
class FhrsDataSetTest {

    private static final String SLICE = "/dev/weir/testing/upstreams/data/fhrs/json/";

    @Test
    void loadsADataSetFromClasspathResourcesOncePerJvm() {
        FhrsDataSet data = FhrsDataSet.classpath(SLICE + "authorities_slice.json",
                SLICE + "establishments_slice.json.gz");
        assertThat(data.authorities()).hasSize(6);
        assertThat(data.establishmentCount()).isEqualTo(235);
        assertThat(data.distinctFhrsIds()).hasSize(232);
        assertThat(data.authorities()).isEqualTo(FhrsDataSet.slice().authorities());
        assertThat(FhrsDataSet.classpath(SLICE + "authorities_slice.json", SLICE + "establishments_slice.json.gz"))
            .isSameAs(data);
    }

    @Test
    void namesAClasspathResourceThatIsMissing() {
        assertThatIllegalStateException()
            .isThrownBy(() -> FhrsDataSet.classpath(SLICE + "authorities_slice.json", "/fhrs/nowhere.json.gz"))
            .withMessageContaining("/fhrs/nowhere.json.gz");
    }

    @Test
    void givesEveryRecordAsRecordedInTheRecordedOrder() {
        FhrsDataSet slice = FhrsDataSet.slice();
        List<JsonNode> records = slice.establishmentRecords();
        assertThat(records).hasSize(235);
        assertThat(records.stream().map((record) -> record.path("FHRSID").asLong()).collect(Collectors.toSet()))
            .isEqualTo(slice.distinctFhrsIds());
        assertThat(records.get(0).path("FHRSID").asLong()).isEqualTo(936339);
        // floats keep their recorded digits
        assertThat(records.get(0).path("Distance").decimalValue()).isEqualByComparingTo("4622.869572770969");
        // a copy each time: changing one changes nothing else
        ((ObjectNode) records.get(0)).put("RatingValue", "changed");
        assertThat(slice.establishmentRecords().get(0).path("RatingValue").asString()).isNotEqualTo("changed");
    }

    @Test
    void keepsAtMostTheFirstNEstablishmentsOfEachAuthority() throws Exception {
        FhrsDataSet slice = FhrsDataSet.slice();
        FhrsDataSet limited = slice.limitPerAuthority(50);
        // East Renfrewshire 108 -> 50, Rochford 74 -> 50, City of London 37, Broxbourne
        // 16
        assertThat(limited.establishmentCount()).isEqualTo(50 + 50 + 37 + 16);
        assertThat(limited.authorities()).extracting(FhrsDataSet.Authority::establishments)
            .containsExactlyElementsOf(
                    slice.authorities().stream().map((authority) -> Math.min(authority.establishments(), 50)).toList());
        List<JsonNode> rochford = limited.establishmentRecords()
            .stream()
            .filter((record) -> record.path("LocalAuthorityCode").asString().equals("118"))
            .toList();
        assertThat(rochford).isEqualTo(slice.establishmentRecords()
            .stream()
            .filter((record) -> record.path("LocalAuthorityCode").asString().equals("118"))
            .limit(50)
            .toList());
        assertThatIllegalArgumentException().isThrownBy(() -> slice.limitPerAuthority(0));

        try (FhrsUpstream fhrs = FhrsUpstream.builder().dataSet(limited).pageSize(50).start()) {
            JsonNode page = Http.json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=15&pageNumber=1"));
            assertThat(page.path("meta").path("totalCount").asInt()).isEqualTo(50);
            assertThat(page.path("meta").path("totalPages").asInt()).isEqualTo(1);
            Set<JsonNode> served = Set
                .copyOf(Http.json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=15"))
                    .path("establishments")
                    .valueStream()
                    .toList());
            assertThat(served).isEqualTo(Set.copyOf(rochford));
        }
    }

}
