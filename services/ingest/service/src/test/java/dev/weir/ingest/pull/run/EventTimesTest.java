package dev.weir.ingest.pull.run;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void readsInstantsOffsetsAndLocalTimesAsUtc() {
        assertThat(EventTimes.parse(NODES.stringNode("2026-03-20T10:15:30Z")))
            .isEqualTo(Instant.parse("2026-03-20T10:15:30Z"));
        assertThat(EventTimes.parse(NODES.stringNode("2026-03-20T12:15:30+02:00")))
            .isEqualTo(Instant.parse("2026-03-20T10:15:30Z"));
        assertThat(EventTimes.parse(NODES.stringNode("2026-03-20T00:00")))
            .isEqualTo(Instant.parse("2026-03-20T00:00:00Z"));
        assertThat(EventTimes.parse(NODES.stringNode("2019-05-14T00:00:00")))
            .isEqualTo(Instant.parse("2019-05-14T00:00:00Z"));
        assertThat(EventTimes.parse(NODES.stringNode("2019-05-14"))).isEqualTo(Instant.parse("2019-05-14T00:00:00Z"));
    }

    @Test
    void readsEpochSecondsAndMilliseconds() {
        assertThat(EventTimes.parse(NODES.numberNode(1_774_000_000L))).isEqualTo(Instant.ofEpochSecond(1_774_000_000L));
        assertThat(EventTimes.parse(NODES.numberNode(1_774_000_000_123L)))
            .isEqualTo(Instant.ofEpochMilli(1_774_000_000_123L));
    }

    @Test
    void givesNoTimeForWhatHoldsNone() {
        assertThat(EventTimes.parse(null)).isNull();
        assertThat(EventTimes.parse(NODES.nullNode())).isNull();
        assertThat(EventTimes.parse(NODES.stringNode("AwaitingInspection"))).isNull();
        assertThat(EventTimes.parse(NODES.objectNode())).isNull();
        assertThat(EventTimes.parse(NODES.booleanNode(true))).isNull();
    }

}
