package dev.weir.pipeline.load;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Table;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseRepositoryTest {

    private static final Table VERSIONED = new Table(
            "retail_customer", List.of(Column.text("customer_id"), Column.text("country"),
                    Column.timestamptz("source_version"), Column.timestamptz("received_at")),
            List.of("customer_id"), "source_version");

    @Test
    void upsertsOnlyChangedContentAndNeverWithAnOlderVersion() {
        String sql = WarehouseRepository.upsertSql(VERSIONED);
        assertThat(sql).contains("ON CONFLICT (customer_id) DO UPDATE SET country = excluded.country")
            .contains("WHERE (t.country) IS DISTINCT FROM (excluded.country)")
            .contains("AND excluded.source_version >= t.source_version")
            .contains("RETURNING (xmax = 0) AS inserted")
            .endsWith("SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted");
    }

    @Test
    void escapesCopyTextAndWritesArraysAndNulls() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(CopyText.value(json.readTree("\"a\\tb\\\\c\\nd\""), Column.text("x"))).isEqualTo("a\\tb\\\\c\\nd");
        assertThat(CopyText.value(json.readTree("null"), Column.text("x"))).isEqualTo("\\N");
        assertThat(CopyText.value(json.readTree("[\"temperature_2m\", \"a\\\"b\"]"), Column.textArray("x")))
            .isEqualTo("{\"temperature_2m\",\"a\\\\\"b\"}");
        assertThat(CopyText.value(json.readTree("12.5"), Column.float8("x"))).isEqualTo("12.5");
    }

}
