package dev.weir.pipeline.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Table;
import dev.weir.platform.kafka.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleanRowTest {

    private static final Table TABLE = new Table("thing",
            List.of(Column.text("id"), Column.text("part"), Column.text("name"), Column.integer("count"),
                    Column.bigint("big"), Column.float8("ratio"), Column.bool("flag"), Column.textArray("missing"),
                    Column.text("nested"), Column.timestamptz("source_version"), Column.timestamptz("received_at")),
            List.of("id", "part"), "source_version");

    private static final Function<String, Optional<Table>> TABLES = (name) -> Optional.of(TABLE)
        .filter((table) -> table.name().equals(name));

    private static byte[] record(String data, Instant time) {
        return new Envelope("e-1", URI.create("/weir/pipeline/things"), "weir.clean.thing", "k", time, Envelope.JSON,
                data.getBytes(StandardCharsets.UTF_8))
            .toValue();
    }

    @Test
    void readsEveryKindOfValueInOnePassAsTheTreeIsRead() {
        List<String> data = List.of(
                "{\"id\":\"a\\tb\",\"part\":7,\"name\":\"line\\none \\\\ two\",\"count\":42,\"big\":9007199254740993,"
                        + "\"ratio\":40.70,\"flag\":true,\"missing\":[\"x\",\"a\\\"b\"],\"nested\":\"n\","
                        + "\"source_version\":\"2026-12-06T05:25:11.093Z\",\"received_at\":\"2026-12-06T05:25:12Z\","
                        + "\"not_a_column\":{\"deep\":[{\"x\":1}]}}",
                "{\"id\":\"only\",\"count\":null,\"ratio\":1e3,\"flag\":false,\"big\":123456789012345678901234567890}",
                "{\"id\":\"dup\",\"name\":\"first\",\"name\":\"last\",\"ratio\":-0.0,\"count\":-5}", "{}");
        for (String json : data) {
            byte[] value = record(json, Instant.parse("2026-12-06T05:25:11.123456789Z"));
            CleanRow onePass = CleanRow.read(value, TABLES);
            assertThat(onePass).isEqualTo(CleanRow.general(value, TABLES));
            assertThat(onePass.time()).isEqualTo(Instant.parse("2026-12-06T05:25:11.123456789Z"));
        }
        CleanRow first = CleanRow.read(record(data.get(0), Instant.EPOCH), TABLES);
        assertThat(first.values()).containsExactly("a\\tb", "7", "line\\none \\\\ two", "42", "9007199254740993",
                "40.7", "true", "{\"x\",\"a\\\\\"b\"}", "n", "2026-12-06T05:25:11.093Z", "2026-12-06T05:25:12Z");
        assertThat(first.key()).isEqualTo("a\tb|7");
        assertThat(first.version()).isEqualTo("2026-12-06T05:25:11.093Z");
        assertThat(CleanRow.read(record(data.get(3), Instant.EPOCH), TABLES).values()).containsOnly(CopyText.NULL);
    }

    @Test
    void readsAnEnvelopeWrittenInAnotherOrderTheGeneralWay() {
        byte[] value = ("{\"data\":{\"id\":\"x\"},\"specversion\":\"1.0\",\"id\":\"e-2\",\"source\":\"/s\","
                + "\"type\":\"weir.clean.thing\",\"time\":\"2026-12-06T05:25:11+01:00\"}")
            .getBytes(StandardCharsets.UTF_8);
        CleanRow row = CleanRow.read(value, TABLES);
        assertThat(row.key()).isEqualTo("x|");
        assertThat(row.time()).isEqualTo(Instant.parse("2026-12-06T04:25:11Z"));
    }

    @Test
    void rejectsWhatIsNotACleanRowOfAKnownTable() {
        assertThatThrownBy(() -> CleanRow.read("not json".getBytes(StandardCharsets.UTF_8), TABLES))
            .isInstanceOf(Envelope.MalformedEnvelopeException.class);
        assertThatThrownBy(() -> CleanRow.read(null, TABLES)).isInstanceOf(Envelope.MalformedEnvelopeException.class);
        byte[] unknown = new Envelope("e-3", URI.create("/s"), "weir.clean.nothing", null, Instant.EPOCH, Envelope.JSON,
                "{}".getBytes(StandardCharsets.UTF_8))
            .toValue();
        assertThatThrownBy(() -> CleanRow.read(unknown, TABLES)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("nothing");
        byte[] wrongVersion = ("{\"specversion\":\"0.3\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"weir.clean.thing\","
                + "\"time\":\"2026-12-06T05:25:11Z\",\"data\":{}}")
            .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CleanRow.read(wrongVersion, TABLES))
            .isInstanceOf(Envelope.MalformedEnvelopeException.class);
    }

}
