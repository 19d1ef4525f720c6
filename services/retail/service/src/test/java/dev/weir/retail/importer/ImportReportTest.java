package dev.weir.retail.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportReportTest {

    @Test
    void reconcilesOnlyWhenEveryLineReadIsStoredAlreadyPresentOrRejected() {
        assertThat(report(100, 90, 6, 3, 1).reconciles()).isTrue();
        assertThat(report(100, 90, 6, 3, 0).reconciles()).isFalse();
        assertThat(report(100, 90, 6, 3, 2).reconciles()).isFalse();
    }

    @Test
    void rendersExactCountsAndSaysWhenTheyDoNotReconcile() {
        String text = report(1_234_567, 1_234_000, 500, 61, 6).render();
        assertThat(text)
            .contains("reconciles: yes (1,234,567 read = 1,234,000 stored + 500 already present + 67 rejected)")
            .containsPattern("duplicate_line +61\n")
            .containsPattern("conflicts_with_stored_line +6\n")
            .contains("encoding: ISO-8859-1, gzip-compressed, 2,048 bytes on disk")
            .contains(ImportFormat.KAGGLE.description())
            .containsPattern("Time: 2\\.000 s, 617,284 lines/s");
        assertThat(text).contains("stored in bulk: the keys of invoice_line were added back after the lines");
        assertThat(report(10, 1, 1, 1, 1).render())
            .contains("reconciles: NO (10 read = 1 stored + 1 already present + 2 rejected)");
    }

    @Test
    void listsEveryRuleAndReasonEvenWhenTheyNeverApplied() {
        ImportReport report = new ImportReport(Path.of("x.csv"), ImportFormat.HEADER_ONLY, "UTF-8", false, 0, 0, 0, 0,
                Map.of(), new ImportReport.Counts(0, 0), new ImportReport.Counts(0, 0), new ImportReport.Counts(0, 0),
                0, false, Map.of(), Map.of(), Duration.ZERO);
        assertThat(report.rejected()).containsOnlyKeys(RejectReason.values())
            .allSatisfy((reason, count) -> assertThat(count).isZero());
        assertThat(report.rules()).containsOnlyKeys(ImportRule.values());
        String text = report.render();
        assertThat(text).contains("stored row by row");
        for (ImportRule rule : ImportRule.values()) {
            assertThat(text).containsPattern(rule.ruleName() + " +0  ");
        }
        for (RejectReason reason : RejectReason.values()) {
            assertThat(text).containsPattern(reason.ruleName() + " +0\n");
        }
    }

    @Test
    void showsItsWarningsUnderTheEncoding() {
        ImportReport report = new ImportReport(Path.of("x.csv"), ImportFormat.UCI_EXPORT, "ISO-8859-1", false, 0, 0, 0,
                0, Map.of(), new ImportReport.Counts(0, 0), new ImportReport.Counts(0, 0),
                new ImportReport.Counts(0, 0), 0, false, Map.of(), Map.of(), Duration.ZERO,
                java.util.List.of("line 6, column Description: 'SET \\xa3' is not UTF-8"));
        assertThat(report.render()).contains(
                "  encoding: ISO-8859-1, 0 bytes on disk\n  warning:  line 6, column Description: 'SET \\xa3' is not UTF-8\n\n");
        assertThat(report(1, 1, 0, 0, 0).warnings()).isEmpty();
    }

    private static ImportReport report(long read, long stored, long present, long duplicates, long conflicts) {
        return new ImportReport(Path.of("data.csv"), ImportFormat.KAGGLE, "ISO-8859-1", true, 2048, read, stored,
                present,
                Map.of(RejectReason.DUPLICATE_LINE, duplicates, RejectReason.CONFLICTS_WITH_STORED_LINE, conflicts),
                new ImportReport.Counts(1, 2), new ImportReport.Counts(3, 4), new ImportReport.Counts(5, 6), 0, true,
                Map.of(ImportRule.NO_CUSTOMER, 7L), Map.of("reading", Duration.ofSeconds(1)), Duration.ofSeconds(2));
    }

}
