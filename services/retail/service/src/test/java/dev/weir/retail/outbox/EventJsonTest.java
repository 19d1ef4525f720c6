package dev.weir.retail.outbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON the outbox writes without a mapper (the bulk import's event) is what the
 * service's snake_case mapper writes for the same data.
 */
class EventJsonTest {

    /** The conventions of the REST API's JSON (platform/web's mapper). */
    private static final JsonMapper SNAKE_CASE = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    record Counts(long added, long alreadyPresent) {
    }

    /** The shape of the import's data: strings, whole numbers, a map, nested records. */
    record ImportLike(String file, String format, long linesRead, int invoicesExtended, Map<String, Long> rejected,
            Counts customers, Counts stockCodes) {
    }

    record Everything(String text, String missing, boolean flag, BigDecimal price, List<Counts> counts,
            Map<String, Object> nested, long aURLCount, String _leading) {
    }

    @Test
    void writesWhatTheSnakeCaseMapperWritesForTheImportsData() {
        Map<String, Long> rejected = new LinkedHashMap<>();
        rejected.put("duplicate_line", 5_268L);
        rejected.put("conflicts_with_stored_line", 0L);
        var data = new ImportLike("online_retail.csv.gz", "uci_export", 541_909, 3, rejected, new Counts(4_372, 0),
                new Counts(3_958, 112));

        assertThat(EventJson.write(data)).isEqualTo(SNAKE_CASE.writeValueAsString(data));
    }

    @Test
    void writesNullsBooleansDecimalsListsAndNestedMapsAsTheMapperDoes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("count", 7L);
        nested.put("none", null);
        nested.put("inner", Map.of("x", "y"));
        var data = new Everything("text", null, true, new BigDecimal("2.550E+1"),
                List.of(new Counts(1, 2), new Counts(3, 4)), nested, 9, "under");

        JsonNode written = SNAKE_CASE.readTree(EventJson.write(data));

        assertThat(written).isEqualTo(SNAKE_CASE.readTree(SNAKE_CASE.writeValueAsString(data)));
        assertThat(EventJson.write(data)).contains("\"price\":25.50,");
    }

    @Test
    void escapesTextThatIsNotPlain() {
        String name = "odd \"name\" \\ with\ttab\nline\r\u0001 and é, 日本.csv";
        var data = new ImportLike(name, "kaggle", 0, 0, Map.of(), new Counts(0, 0), new Counts(0, 0));

        JsonNode written = SNAKE_CASE.readTree(EventJson.write(data));

        assertThat(written.get("file").asString()).isEqualTo(name);
        assertThat(written).isEqualTo(SNAKE_CASE.readTree(SNAKE_CASE.writeValueAsString(data)));
    }

    @Test
    void namesComponentsInSnakeCaseAsJacksonDoes() {
        for (String name : List.of("linesRead", "stockCodes", "aURLCount", "_leading", "x", "already_present",
                "invoice2Lines")) {
            assertThat(EventJson.snakeCase(name)).as(name)
                .isEqualTo(PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, name));
        }
    }

    enum Kind {

        SALE

    }

    record WithEnum(Kind kind) {
    }

    @Test
    void refusesWhatItCannotWriteAsTheMapperWouldRatherThanGuess() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventJson.write(new WithEnum(Kind.SALE)))
            .withMessageContaining("Kind");
    }

}
