package dev.weir.retail.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import read, stored, found already present and rejected, exactly. Every line
 * read is accounted for: {@code linesRead == linesStored + linesAlreadyPresent +
 * linesRejected()} ({@link #reconciles()}).
 *
 * @param file the file imported
 * @param format the layout detected from the header and the first data row
 * @param encoding {@code UTF-8} when the file is valid UTF-8, else {@code ISO-8859-1}
 * @param gzip whether the file is gzip-compressed (told by its magic bytes)
 * @param bytesOnDisk the file's size on disk
 * @param linesRead the data rows read (the header and empty lines are not rows)
 * @param linesStored the rows stored as new invoice lines
 * @param linesAlreadyPresent the rows whose line was stored already (same invoice, line
 * number, stock code, quantity and price)
 * @param rejected the rows not stored, by reason; every reason is present, zero or not
 * (missing ones are added as zero)
 * @param customers the file's customers, new and already present
 * @param stockCodes the file's stock codes (after upper-casing), new and already present
 * @param invoices the file's invoices, new and already present
 * @param invoicesExtended invoices that were present already and got new lines
 * @param linesInBulk whether the lines were loaded in bulk: the keys of
 * {@code invoice_line} set aside within the transaction and added back after, checking
 * every line at once; otherwise each new line was checked as it was stored
 * @param rules how many times each normalisation rule applied; every rule is present
 * (missing ones are added as zero)
 * @param phases how long each phase took, in order
 * @param elapsed the whole import, reading to commit
 * @param warnings what the reader should know about the file although it was imported
 * (the line that made it read as ISO-8859-1); empty when nothing
 */
public record ImportReport(Path file, ImportFormat format, String encoding, boolean gzip, long bytesOnDisk,
        long linesRead, long linesStored, long linesAlreadyPresent, Map<RejectReason, Long> rejected, Counts customers,
        Counts stockCodes, Counts invoices, long invoicesExtended, boolean linesInBulk, Map<ImportRule, Long> rules,
        Map<String, Duration> phases, Duration elapsed, List<String> warnings) {

    public ImportReport {
        warnings = List.copyOf(warnings);
        rejected = Collections.unmodifiableMap(copy(RejectReason.class, rejected));
        rules = Collections.unmodifiableMap(copy(ImportRule.class, rules));
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** A report without warnings. */
    public ImportReport(Path file, ImportFormat format, String encoding, boolean gzip, long bytesOnDisk, long linesRead,
            long linesStored, long linesAlreadyPresent, Map<RejectReason, Long> rejected, Counts customers,
            Counts stockCodes, Counts invoices, long invoicesExtended, boolean linesInBulk, Map<ImportRule, Long> rules,
            Map<String, Duration> phases, Duration elapsed) {
        this(file, format, encoding, gzip, bytesOnDisk, linesRead, linesStored, linesAlreadyPresent, rejected,
                customers, stockCodes, invoices, invoicesExtended, linesInBulk, rules, phases, elapsed, List.of());
    }

    private static <K extends Enum<K>> Map<K, Long> copy(Class<K> type, Map<K, Long> values) {
        Map<K, Long> copy = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            copy.put(key, 0L);
        }
        copy.putAll(values);
        return copy;
    }

    /** Rows of the file that were not stored, whatever the reason. */
    public long linesRejected() {
        return this.rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected(RejectReason reason) {
        return this.rejected.getOrDefault(reason, 0L);
    }

    public long rule(ImportRule rule) {
        return this.rules.getOrDefault(rule, 0L);
    }

    /** Whether every line read is stored, already present or rejected, exactly once. */
    public boolean reconciles() {
        return this.linesRead == this.linesStored + this.linesAlreadyPresent + linesRejected();
    }

    /** Lines read per second of the whole import. */
    public long linesPerSecond() {
        long nanos = Math.max(1, this.elapsed.toNanos());
        return Math.round(this.linesRead * 1e9 / nanos);
    }

    /** The report for people: several lines, exact counts. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("Imported ")
            .append(this.file)
            .append('\n')
            .append("  format:   ")
            .append(this.format.description())
            .append('\n')
            .append("  encoding: ")
            .append(this.encoding)
            .append(this.gzip ? ", gzip-compressed" : "")
            .append(", ")
            .append(number(this.bytesOnDisk))
            .append(" bytes on disk\n");
        this.warnings.forEach((warning) -> text.append("  warning:  ").append(warning).append('\n'));
        text.append('\n');
        text.append("Lines\n");
        row(text, "read", this.linesRead);
        row(text, "stored", this.linesStored);
        row(text, "already present", this.linesAlreadyPresent);
        row(text, "rejected", linesRejected());
        this.rejected.forEach((reason, count) -> row(text, "  " + reason.ruleName(), count));
        text.append(String.format(Locale.ROOT,
                "  reconciles: %s (%s read = %s stored + %s already present + %s rejected)%n",
                reconciles() ? "yes" : "NO", number(this.linesRead), number(this.linesStored),
                number(this.linesAlreadyPresent), number(linesRejected())));
        text.append(this.linesInBulk
                ? "  stored in bulk: the keys of invoice_line were added back after the lines, checking them all at once\n"
                : "  stored row by row: each line checked against its invoice and stock code as it was stored\n");
        text.append('\n');
        text.append(String.format(Locale.ROOT, "%-30s %12s %16s%n", "", "new", "already present"));
        counts(text, "customers", this.customers);
        counts(text, "stock codes", this.stockCodes);
        counts(text, "invoices", this.invoices);
        row(text, "invoices given new lines", this.invoicesExtended);
        text.append("\nRules applied\n");
        this.rules.forEach((rule, count) -> text.append(
                String.format(Locale.ROOT, "  %-30s %12s  %s%n", rule.ruleName(), number(count), rule.description())));
        text.append(String.format(Locale.ROOT, "%nTime: %s, %s lines/s%n", seconds(this.elapsed),
                number(linesPerSecond())));
        this.phases.forEach((phase, duration) -> text
            .append(String.format(Locale.ROOT, "  %-42s %8s%n", phase, seconds(duration))));
        return text.toString();
    }

    private static void row(StringBuilder text, String label, long count) {
        text.append(String.format(Locale.ROOT, "  %-28s %12s%n", label, number(count)));
    }

    private static void counts(StringBuilder text, String label, Counts counts) {
        text.append(String.format(Locale.ROOT, "  %-28s %12s %16s%n", label, number(counts.added()),
                number(counts.alreadyPresent())));
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }

    /**
     * Rows of one kind the file names: how many were new, how many were there already.
     */
    public record Counts(long added, long alreadyPresent) {

        public long total() {
            return this.added + this.alreadyPresent;
        }

    }

}
