package dev.weir.ingest.pull.definition;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A connector's schedule as data engineers write it: crontab's five fields, Spring's six,
 * a macro, alone (UTC) or with a time zone (docs/connectors.md).
 */
class ScheduleDefinitionTest {

    @Test
    void fiveFieldsAreReadAsCrontabAtSecondZeroInUtc() {
        ConnectorConfig config = read("schedule: \"*/15 * * * *\"");
        assertThat(config.schedule()).isEqualTo("0 */15 * * * *");
        assertThat(config.scheduleZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.scheduleZone().getId()).isEqualTo("UTC");
    }

    @Test
    void sixFieldsAndMacrosAreReadAsBefore() {
        assertThat(read("schedule: \"0 0 3 * * *\"").schedule()).isEqualTo("0 0 3 * * *");
        assertThat(read("schedule: \"@daily\"").schedule()).isEqualTo("@daily");
        assertThat(read("schedule: none").schedule()).isNull();
    }

    @Test
    void aScheduleWithAZoneFiresAtThatZonesLocalTimeAcrossDaylightSaving() {
        ConnectorConfig config = read("schedule: {cron: \"0 6 * * *\", zone: Europe/London}");
        assertThat(config.schedule()).isEqualTo("0 0 6 * * *");
        assertThat(config.scheduleZone()).isEqualTo(ZoneId.of("Europe/London"));
        CronExpression cron = CronExpression.parse(config.schedule());
        // 06:00 in London is 06:00 UTC in winter and 05:00 UTC in summer
        assertThat(cron.next(Instant.parse("2026-01-10T00:00:00Z").atZone(config.scheduleZone())).toInstant())
            .isEqualTo(Instant.parse("2026-01-10T06:00:00Z"));
        assertThat(cron.next(Instant.parse("2026-07-10T00:00:00Z").atZone(config.scheduleZone())).toInstant())
            .isEqualTo(Instant.parse("2026-07-10T05:00:00Z"));
    }

    @Test
    void aBadCronAndABadZoneAreBothListedWithTheirPaths() {
        assertThatThrownBy(() -> read("schedule: {cron: \"61 * * * *\", zone: Mars/Olympus}")).isInstanceOfSatisfying(
                InvalidDefinitionException.class,
                (ex) -> assertThat(problemPaths(ex)).containsExactlyInAnyOrder("schedule.zone", "schedule.cron"));
        assertThatThrownBy(() -> read("schedule: \"every day\""))
            .isInstanceOfSatisfying(InvalidDefinitionException.class, (ex) -> assertThat(ex.getMessage())
                .contains("schedule", "five fields (minute hour day-of-month month day-of-week"));
        assertThatThrownBy(() -> read("schedule: {zone: UTC}")).isInstanceOfSatisfying(InvalidDefinitionException.class,
                (ex) -> assertThat(problemPaths(ex)).containsExactly("schedule.cron"));
    }

    private static List<String> problemPaths(InvalidDefinitionException ex) {
        return ex.problems().stream().map(DefinitionProblem::path).toList();
    }

    private static ConnectorConfig read(String schedule) {
        return ConnectorDefinitions.read("""
                name: scheduled
                base_url: https://api.example.com
                %s
                streams:
                  - name: items
                    path: /items
                    records: $.items[*]
                    primary_key: id
                """.formatted(schedule));
    }

}
