package dev.weir.retail.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole UCI file (541,909 rows), read from the repository's {@code data/}, imported
 * after the 10,000-row sample.
 */
class FullFileImportIT {

    @Test
    void importsTheFullFileAfterTheSampleAddingExactlyTheRestAndReconcilingWithTheFilesKnownFacts() {
        Path full = ImportDatabase.fullFile();
        OnlineRetailFacts facts = OnlineRetailFacts.of(full);
        // the published figures (SOURCES.md), so the independent reading is itself right
        assertThat(facts.rows).isEqualTo(541_909);
        assertThat(facts.duplicates).isEqualTo(5_268);
        assertThat(facts.quantity).isEqualTo(5_176_450);
        assertThat(facts.amount).isEqualByComparingTo("9747747.934");
        assertThat(facts.invoices).hasSize(25_900);
        assertThat(facts.customers).hasSize(4_372);
        assertThat(facts.rawStockCodes).hasSize(4_070);
        assertThat(facts.stockCodes).hasSize(4_070 - 112);
        assertThat(facts.rowsWithoutCustomer).isEqualTo(135_080);

        ImportDatabase database = ImportDatabase.create();
        Map<String, String> keys = database.keys();
        ImportReport sample = database.importFile(TestFiles.SAMPLE);
        ImportReport report = database.importFile(full);
        System.out.println(report.render());

        // 526,837 new lines into a table of 9,804: in bulk, and the same keys after
        assertThat(sample.linesInBulk()).isFalse();
        assertThat(report.linesInBulk()).isTrue();
        assertThat(database.keys()).isEqualTo(keys);

        assertThat(report.gzip()).isTrue();
        assertThat(report.format()).isEqualTo(ImportFormat.UCI_EXPORT);
        assertThat(report.encoding()).isEqualTo("UTF-8");
        assertThat(report.linesRead()).isEqualTo(541_909);
        assertThat(report.rejected(RejectReason.DUPLICATE_LINE)).isEqualTo(5_268);
        assertThat(report.rejected(RejectReason.CONFLICTS_WITH_STORED_LINE)).isZero();
        assertThat(report.linesAlreadyPresent()).isEqualTo(sample.linesStored()).isEqualTo(9_804);
        assertThat(report.linesStored()).isEqualTo(541_909 - 5_268 - 9_804);
        assertThat(report.reconciles()).isTrue();
        assertThat(report.invoices()).isEqualTo(new ImportReport.Counts(25_900 - 512, 512));
        assertThat(report.customers())
            .isEqualTo(new ImportReport.Counts(4_372 - sample.customers().added(), sample.customers().added()));
        assertThat(report.stockCodes())
            .isEqualTo(new ImportReport.Counts(3_958 - sample.stockCodes().added(), sample.stockCodes().added()));
        // the sample ends inside invoice 537224: the full file adds its other lines
        assertThat(report.invoicesExtended()).isEqualTo(1);
        assertThat(report.rule(ImportRule.CUSTOMER_FIRST_COUNTRY)).isEqualTo(8);
        assertThat(report.rule(ImportRule.INVOICE_FIRST_DATE)).isEqualTo(43);
        assertThat(report.rule(ImportRule.NO_CUSTOMER)).isEqualTo(facts.distinctRowsWithoutCustomer);
        assertThat(report.rule(ImportRule.CANCELLATION_INVOICE) + report.rule(ImportRule.ADJUSTMENT_INVOICE))
            .isEqualTo(facts.invoices.stream().filter((invoice) -> !Character.isDigit(invoice.charAt(0))).count());

        assertThat(database.count("SELECT count(*) FROM retail.invoice_line")).isEqualTo(541_909 - 5_268);
        assertThat(database.count("SELECT count(*) FROM retail.invoice")).isEqualTo(25_900);
        assertThat(database.count("SELECT count(*) FROM retail.customer")).isEqualTo(4_372);
        assertThat(database.count("SELECT count(*) FROM retail.stock_code")).isEqualTo(3_958);
        assertThat(database.count("SELECT sum(quantity) FROM retail.invoice_line"))
            .isEqualTo(5_176_450 - facts.duplicateQuantity);
        assertThat(new BigDecimal(database.text("SELECT sum(quantity * unit_price) FROM retail.invoice_line")))
            .isEqualByComparingTo(new BigDecimal("9747747.934").subtract(facts.duplicateAmount));
        assertThat(database.count("""
                SELECT count(*) FROM retail.invoice_line l JOIN retail.invoice i USING (invoice_no)
                WHERE i.customer_id IS NULL""")).isEqualTo(facts.distinctRowsWithoutCustomer);
        assertThat(database.count("""
                SELECT count(*) FROM (SELECT invoice_no, count(*) AS lines, max(line_no) AS last
                                      FROM retail.invoice_line GROUP BY invoice_no) i WHERE last <> lines""")).isZero();
        assertThat(database.count("SELECT count(*) FROM retail.invoice_line WHERE invoice_no = '537224'"))
            .isEqualTo(facts.linesPerInvoice.get("537224").longValue());
    }

    @Test
    void importsASmallFileIntoTheFullTableRowByRow(@TempDir Path directory) throws IOException {
        ImportDatabase database = ImportDatabase.create();
        assertThat(database.importFile(ImportDatabase.fullFile()).linesInBulk()).isTrue();
        Path small = directory.resolve("small.csv");
        Files.writeString(small, RetailCsvTest.HEADER + """
                600001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-12-10 10:00:00,2.55,17850.0,United Kingdom
                600001,71053,WHITE METAL LANTERN,6,2011-12-10 10:00:00,3.39,17850.0,United Kingdom
                600002,22138,BAKING SET 9 PIECE RETROSPOT,3,2011-12-10 12:50:00,4.95,12680.0,France
                """);

        ImportReport report = database.importFile(small);

        assertThat(report.linesInBulk()).isFalse();
        assertThat(report.phases()).doesNotContainKeys("locking invoice lines");
        assertThat(report.linesStored()).isEqualTo(3);
        assertThat(report.invoices()).isEqualTo(new ImportReport.Counts(2, 0));
        assertThat(database.count("SELECT count(*) FROM retail.invoice_line")).isEqualTo(541_909 - 5_268 + 3);
    }

}
