package dev.weir.edge.limit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.weir.platform.error.WeirException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RatePlanTest {

    @Test
    void readsRequestsPerSecondMinuteAndHour() {
        assertThat(RatePlan.parse("100/s")).isEqualTo(new RatePlan(100, Duration.ofSeconds(1)));
        assertThat(RatePlan.parse("6000/min")).isEqualTo(new RatePlan(6000, Duration.ofMinutes(1)));
        assertThat(RatePlan.parse(" 50000 / hour ")).isEqualTo(new RatePlan(50000, Duration.ofHours(1)));
    }

    @Test
    void writesAPlanAsItIsRead() {
        assertThat(RatePlan.parse("6000/minute")).hasToString("6000/min");
        assertThat(RatePlan.parse("5/sec")).hasToString("5/s");
    }

    @Test
    void refusesWhatIsNoPlanNamingTheField() {
        for (String text : new String[] { "lots", "0/min", "10/day", "-5/s", "1234567890/s" }) {
            assertThatExceptionOfType(WeirException.class).as(text)
                .isThrownBy(() -> RatePlan.parse(text))
                .satisfies((ex) -> assertThat(ex.fieldErrors().get(0).field()).isEqualTo("limit"));
        }
    }

}
