package dev.weir.retail.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ImportFinishedEventTest {

    /** The conventions of the REST API's JSON, which events keep. */
    private static final JsonMapper SNAKE_CASE = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    @Test
    void carriesTheReportsCountsByRuleNameWithoutPathsOrTimings() {
        ImportFinishedEvent.Data data = ImportFinishedEvent.Data.of("online_retail.csv.gz", report());

        JsonNode written = SNAKE_CASE.readTree(SNAKE_CASE.writeValueAsString(data));

        assertThat(written.get("file").asString()).isEqualTo("online_retail.csv.gz");
        assertThat(written.get("lines_read").asLong()).isEqualTo(541_909);
        assertThat(written.get("lines_rejected").asLong()).isEqualTo(5_268);
        assertThat(written.get("rejected").get("duplicate_line").asLong()).isEqualTo(5_268);
        assertThat(written.get("stock_codes").get("already_present").asLong()).isEqualTo(112);
        assertThat(written.get("format").asString()).isEqualTo("uci_export");
        assertThat(written.has("phases")).isFalse();
        assertThat(written.has("elapsed")).isFalse();
        assertThat(written.toString()).doesNotContain("/data/");
    }

    private static ImportReport report() {
        return new ImportReport(Path.of("/data/online_retail.csv.gz"), ImportFormat.UCI_EXPORT, "UTF-8", true,
                23_715_478, 541_909, 536_641, 0,
                Map.of(RejectReason.DUPLICATE_LINE, 5_268L, RejectReason.CONFLICTS_WITH_STORED_LINE, 0L),
                new ImportReport.Counts(4_372, 0), new ImportReport.Counts(3_958, 112),
                new ImportReport.Counts(25_900, 0), 3, true, Map.of(ImportRule.NO_CUSTOMER, 135_080L),
                Map.of("reading", Duration.ofMillis(500)), Duration.ofSeconds(2));
    }

}
