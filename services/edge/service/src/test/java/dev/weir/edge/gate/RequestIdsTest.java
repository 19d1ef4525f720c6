package dev.weir.edge.gate;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's sane request id is kept; anything else gets a new random UUID. */
class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = { "trace-42", "a", "0f3c:span.7_x", "01JEXAMPLE-ULID" })
    void keepsASaneId(String id) {
        assertThat(RequestIds.of(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "bad id with spaces", "line\nbreak", "<script>", "quote\"d", "é" })
    void replacesAnythingElse(String id) {
        String replaced = RequestIds.of(id);
        assertThat(replaced).isNotEqualTo(id);
        assertThat(UUID.fromString(replaced).version()).isEqualTo(4);
    }

    @Test
    void replacesAnIdLongerThan128() {
        assertThat(RequestIds.of("x".repeat(128))).hasSize(128);
        assertThat(RequestIds.of("x".repeat(129))).hasSize(36);
    }

    @Test
    void newIdsAreVersion4UuidsAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

}
