package dev.weir.retail.importer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.weir.retail.outbox.Outbox;
import dev.weir.retail.outbox.RetailEvent;

/**
 * The one event of an import, {@code weir.retail.import.finished}, written in the
 * import's transaction just before it commits: a rolled-back or killed import has none.
 * Every committed import has one, also an import that stored nothing new (its counts say
 * so): it reports that a file was imported, and consumers that mirror the data learn that
 * nothing changed without asking. The customers, invoices and lines an import stores have
 * no events of their own; consumers read them through the API (or the import's file).
 */
final class ImportFinishedEvent {

    /** The record key of every import event: imports are ordered among themselves. */
    static final String KEY = "import";

    private ImportFinishedEvent() {
    }

    static void append(Connection connection, ImportReport report) throws SQLException {
        String file = fileName(report.file());
        Outbox.append(connection, RetailEvent.IMPORT_FINISHED, KEY, file, Data.of(file, report).json());
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return (name != null) ? name.toString() : file.toString();
    }

    /**
     * The event's data: the report's counts (snake_case in JSON), without the importing
     * machine's paths and timings. Its JSON is written here, not by Jackson: the import
     * runs in a fresh JVM of its own, where building and first using a JSON mapper took
     * half a second, a quarter of the whole import (a test checks that the text is what
     * the service's snake_case mapper writes for this record).
     */
    record Data(String file, String format, String encoding, long linesRead, long linesStored, long linesAlreadyPresent,
            long linesRejected, Map<String, Long> rejected, ImportReport.Counts customers,
            ImportReport.Counts stockCodes, ImportReport.Counts invoices, long invoicesExtended) {

        static Data of(String file, ImportReport report) {
            Map<String, Long> rejected = new LinkedHashMap<>();
            report.rejected().forEach((reason, count) -> rejected.put(reason.ruleName(), count));
            return new Data(file, report.format().name().toLowerCase(Locale.ROOT), report.encoding(),
                    report.linesRead(), report.linesStored(), report.linesAlreadyPresent(), report.linesRejected(),
                    rejected, report.customers(), report.stockCodes(), report.invoices(), report.invoicesExtended());
        }

        String json() {
            StringBuilder out = new StringBuilder(512).append('{');
            string(out, "file", this.file).append(',');
            string(out, "format", this.format).append(',');
            string(out, "encoding", this.encoding).append(',');
            number(out, "lines_read", this.linesRead).append(',');
            number(out, "lines_stored", this.linesStored).append(',');
            number(out, "lines_already_present", this.linesAlreadyPresent).append(',');
            number(out, "lines_rejected", this.linesRejected).append(',');
            name(out, "rejected").append('{');
            String separator = "";
            for (Map.Entry<String, Long> reason : this.rejected.entrySet()) {
                number(out.append(separator), reason.getKey(), reason.getValue());
                separator = ",";
            }
            out.append("},");
            counts(out, "customers", this.customers).append(',');
            counts(out, "stock_codes", this.stockCodes).append(',');
            counts(out, "invoices", this.invoices).append(',');
            number(out, "invoices_extended", this.invoicesExtended);
            return out.append('}').toString();
        }

        private static StringBuilder counts(StringBuilder out, String name, ImportReport.Counts counts) {
            name(out, name).append('{');
            number(out, "added", counts.added()).append(',');
            return number(out, "already_present", counts.alreadyPresent()).append('}');
        }

        private static StringBuilder number(StringBuilder out, String name, long value) {
            return name(out, name).append(value);
        }

        private static StringBuilder string(StringBuilder out, String name, String value) {
            return quoted(name(out, name), value);
        }

        private static StringBuilder name(StringBuilder out, String name) {
            return quoted(out, name).append(':');
        }

        /** A JSON string: quote, backslash and control characters escaped. */
        private static StringBuilder quoted(StringBuilder out, String value) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        }
                        else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"');
        }

    }

}
