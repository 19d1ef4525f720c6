package dev.weir.testing.upstreams;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full recorded FHRS data set from the repository's {@code data/}, paged over HTTP
 * the way a backfill reads it, checked against the file read independently.
 */
class FhrsFullDataSetIT {

    private static FhrsUpstream fhrs;

    private static Map<String, List<JsonNode>> recordedByAuthorityCode;

    @BeforeAll
    static void start() throws Exception {
        fhrs = FhrsUpstream.builder().pageSize(500).onlyAuthoritiesWithEstablishments(true).start();
        JsonMapper independent = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(RecordedData.file(FhrsDataSet.ESTABLISHMENTS)))) {
            recordedByAuthorityCode = new LinkedHashMap<>();
            for (JsonNode establishment : independent.readTree(in)) {
                recordedByAuthorityCode
                    .computeIfAbsent(establishment.path("LocalAuthorityCode").asString(), (code) -> new ArrayList<>())
                    .add(establishment);
            }
        }
    }

    @AfterAll
    static void stop() {
        fhrs.close();
    }

    @Test
    void pagesOfEveryAuthorityAddUpToTheRecordedEstablishmentsExactly() throws Exception {
        fhrs.counters().reset();

        JsonNode authorities = Http.json(Http.fhrs(fhrs.baseUrl() + "/Authorities")).path("authorities");
        assertThat(authorities).hasSize(72);
        int records = 0;
        int pages = 0;
        Set<Long> distinct = new HashSet<>();
        for (JsonNode authority : authorities) {
            String code = authority.path("LocalAuthorityIdCode").asString();
            List<JsonNode> served = new ArrayList<>();
            int totalPages = 1;
            for (int page = 1; page <= totalPages; page++) {
                JsonNode body = Http.json(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId="
                        + authority.path("LocalAuthorityId").asInt() + "&pageNumber=" + page + "&pageSize=500"));
                totalPages = body.path("meta").path("totalPages").asInt();
                assertThat(body.path("meta").path("pageNumber").asInt()).isEqualTo(page);
                assertThat(body.path("meta").path("totalCount").asInt())
                    .isEqualTo(recordedByAuthorityCode.get(code).size());
                body.path("establishments").forEach(served::add);
                pages++;
            }
            // the recorded records, values and order, of this authority and no other
            assertThat(served).as(authority.path("Name").asString()).isEqualTo(recordedByAuthorityCode.get(code));
            records += served.size();
            served.forEach((establishment) -> distinct.add(establishment.path("FHRSID").asLong()));
        }
        assertThat(records).isEqualTo(39_779);
        assertThat(distinct).hasSize(39_717);
        assertThat(fhrs.counters().servedMoreThanOnce()).isEmpty();
        assertThat(fhrs.counters().requests()).isEqualTo(pages + 1);
    }

    @Test
    void describesTheDataSetItServes() {
        FhrsDataSet data = fhrs.dataSet();
        assertThat(data.authorities()).hasSize(376);
        assertThat(data.authoritiesWithEstablishments()).hasSize(72);
        assertThat(data.establishmentCount()).isEqualTo(39_779);
        assertThat(data.distinctFhrsIds()).hasSize(39_717);
        assertThat(data.duplicateFhrsIds()).hasSize(62).allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
    }

    @Test
    void servesAllEstablishmentsWithoutAnAuthority() throws Exception {
        JsonNode meta = Http.json(Http.fhrs(fhrs.baseUrl() + "/Establishments?pageNumber=80&pageSize=500"))
            .path("meta");
        assertThat(meta.path("totalCount").asInt()).isEqualTo(39_779);
        assertThat(meta.path("totalPages").asInt()).isEqualTo(80);
    }

}
