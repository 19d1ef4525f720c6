package dev.weir.cli;

import java.time.Duration;

import tools.jackson.databind.node.ObjectNode;

import dev.weir.retail.importer.ImportReport;

/**
 * An import's report as one JSON document ({@code weir import retail --json}): the same
 * counts as the text report, snake_case, durations in seconds.
 */
final class ImportReportJson {

    private ImportReportJson() {
    }

    static ObjectNode of(ImportReport report) {
        ObjectNode json = JsonOutput.object();
        json.put("file", report.file().toString());
        json.put("format", report.format().description());
        json.put("encoding", report.encoding());
        json.put("gzip", report.gzip());
        json.put("bytes_on_disk", report.bytesOnDisk());
        ObjectNode lines = json.putObject("lines");
        lines.put("read", report.linesRead());
        lines.put("stored", report.linesStored());
        lines.put("already_present", report.linesAlreadyPresent());
        lines.put("rejected", report.linesRejected());
        ObjectNode rejected = lines.putObject("rejected_by_reason");
        report.rejected().forEach((reason, count) -> rejected.put(reason.ruleName(), count));
        json.put("reconciles", report.reconciles());
        json.put("lines_in_bulk", report.linesInBulk());
        counts(json, "customers", report.customers());
        counts(json, "stock_codes", report.stockCodes());
        counts(json, "invoices", report.invoices());
        json.put("invoices_extended", report.invoicesExtended());
        ObjectNode rules = json.putObject("rules");
        report.rules().forEach((rule, count) -> rules.put(rule.ruleName(), count));
        json.put("seconds", seconds(report.elapsed()));
        json.put("lines_per_second", report.linesPerSecond());
        ObjectNode phases = json.putObject("phases");
        report.phases().forEach((phase, duration) -> phases.put(phase, seconds(duration)));
        report.warnings().forEach(json.putArray("warnings")::add);
        return json;
    }

    private static void counts(ObjectNode json, String name, ImportReport.Counts counts) {
        ObjectNode node = json.putObject(name);
        node.put("new", counts.added());
        node.put("already_present", counts.alreadyPresent());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

}
