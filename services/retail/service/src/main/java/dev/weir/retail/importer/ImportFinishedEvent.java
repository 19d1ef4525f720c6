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
        Outbox.append(connection, RetailEvent.IMPORT_FINISHED, KEY, file, Data.of(file, report));
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return (name != null) ? name.toString() : file.toString();
    }

    /**
     * The event's data: the report's counts (snake_case in JSON), without the importing
     * machine's paths and timings. The outbox writes its JSON, in the REST API's
     * conventions, without a JSON mapper (the import runs in a JVM of its own, which
     * would otherwise start one for this alone).
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

    }

}
