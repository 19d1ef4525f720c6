package dev.weir.platform.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimesTest {

    @Test
    void readsTheTimesWeirWritesAsInstantParseDoes() {
        for (String text : List.of("2026-12-06T05:25:11Z", "2026-12-06T05:25:11.1Z", "2026-12-06T05:25:11.093Z",
                "2026-12-06T05:25:11.123456Z", "2026-12-06T05:25:11.123456789Z", "1969-12-31T23:59:59.999Z",
                "2024-02-29T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            assertThat(EventTimes.rfc3339(text)).as(text).isEqualTo(Instant.parse(text));
            assertThat(EventTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherFormToInstantParse() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06 05:25:11Z",
                "2026-12-06T05:25:11.Z", "2026-12-06T05:25:11.1234567890Z", "2026-12-06T05:25:1xZ",
                "2026-12-06T05:25:11+19:00", "2026-12-06T05:25Z", "2026-12-06t05:25:11z", "")) {
            assertThat(EventTimes.rfc3339(text)).as(text).isNull();
        }
        assertThat(EventTimes.rfc3339("2026-12-06T05:25:11+01:00")).isEqualTo(Instant.parse("2026-12-06T04:25:11Z"));
        assertThat(EventTimes.rfc3339("2026-12-06T05:25:11.5-02:30"))
            .isEqualTo(Instant.parse("2026-12-06T07:55:11.5Z"));
        assertThatThrownBy(() -> EventTimes.parse("2026-02-30T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimes.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
    }

}
