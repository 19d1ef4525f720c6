package dev.weir.cli;

import tools.jackson.databind.JsonNode;

/**
 * A run's report (the {@code report} of a run the admin API shows) as text, for people:
 * the outcome and duration, counts per stream, requests, retries and 429s, the first dead
 * letters' reasons, notes, and why the run stopped early.
 */
final class ReportText {

    private ReportText() {
    }

    static String render(JsonNode report) {
        StringBuilder text = new StringBuilder();
        String syncId = report.path("sync_id").asString();
        text.append(String.format("Run %s of %s: %s in %.1f s%s%s%n", report.path("run_id").asString(),
                report.path("connector").asString(), report.path("status").asString(),
                report.path("duration_seconds").asDouble(),
                report.path("resumed").asBoolean() ? " (resumed the unfinished sync " + syncId + ")" : "",
                report.path("refetch").asBoolean() ? " (refetch)" : ""));
        text.append(String.format("  %-24s %10s %8s %8s %10s %9s %12s%n", "stream", "partitions", "pages", "skipped",
                "records", "filtered", "dead letters"));
        report.path("streams")
            .properties()
            .forEach((stream) -> text.append(String.format("  %-24s %,10d %,8d %,8d %,10d %,9d %,12d%n",
                    stream.getKey(), stream.getValue().path("partitions").asLong(),
                    stream.getValue().path("pages").asLong(), stream.getValue().path("pages_skipped").asLong(),
                    stream.getValue().path("records").asLong(), stream.getValue().path("records_filtered").asLong(),
                    stream.getValue().path("dead_letters").asLong())));
        JsonNode c = report.path("counts");
        text.append(
                String.format("  requests %,d, retries %,d, 429s %,d, dead letters %,d%n", c.path("requests").asLong(),
                        c.path("retries").asLong(), c.path("rate_limited").asLong(), c.path("dead_letters").asLong()));
        if (!report.path("dead_letter_reasons").isEmpty()) {
            text.append("  dead letters (topic weir.dlq.").append(report.path("connector").asString()).append("):\n");
            report.path("dead_letter_reasons")
                .forEach((reason) -> text.append("    ").append(reason.asString()).append('\n'));
        }
        report.path("notes").forEach((note) -> text.append("  note: ").append(note.asString()).append('\n'));
        if (report.path("error").isString()) {
            text.append("  stopped: ").append(report.path("error").asString()).append('\n');
        }
        return text.toString();
    }

}
