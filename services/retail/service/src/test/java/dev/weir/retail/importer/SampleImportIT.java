package dev.weir.retail.importer;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The 10,000-row sample, imported into an empty database, and imported again. */
class SampleImportIT {

    private static final OnlineRetailFacts FACTS = OnlineRetailFacts.of(TestFiles.SAMPLE);

    private ImportDatabase database;

    @BeforeEach
    void emptyDatabase() {
        this.database = ImportDatabase.create();
    }

    @Test
    void importsTheSampleWithCountsThatAgreeWithAnIndependentReadingOfTheFile() {
        ImportReport report = this.database.importFile(TestFiles.SAMPLE);

        assertThat(FACTS.rows).isEqualTo(10_000);
        assertThat(report.format()).isEqualTo(ImportFormat.UCI_EXPORT);
        assertThat(report.encoding()).isEqualTo("UTF-8");
        assertThat(report.linesRead()).isEqualTo(FACTS.rows);
        assertThat(report.rejected(RejectReason.DUPLICATE_LINE)).isEqualTo(FACTS.duplicates).isEqualTo(196);
        assertThat(report.linesStored()).isEqualTo(FACTS.distinctRows());
        assertThat(report.linesAlreadyPresent()).isZero();
        assertThat(report.reconciles()).isTrue();
        assertThat(report.customers()).isEqualTo(new ImportReport.Counts(FACTS.customers.size(), 0));
        assertThat(report.stockCodes()).isEqualTo(new ImportReport.Counts(FACTS.stockCodes.size(), 0));
        assertThat(report.invoices()).isEqualTo(new ImportReport.Counts(FACTS.invoices.size(), 0));
        assertThat(report.rule(ImportRule.NO_CUSTOMER)).isEqualTo(FACTS.distinctRowsWithoutCustomer);
        assertThat(report.rule(ImportRule.STOCK_CODE_CANONICAL)).isPositive();

        assertThat(this.database.count("SELECT count(*) FROM retail.invoice_line")).isEqualTo(FACTS.distinctRows());
        assertThat(this.database.count("SELECT count(*) FROM retail.invoice")).isEqualTo(FACTS.invoices.size());
        assertThat(this.database.count("SELECT count(*) FROM retail.customer")).isEqualTo(FACTS.customers.size());
        assertThat(this.database.count("SELECT count(*) FROM retail.stock_code")).isEqualTo(FACTS.stockCodes.size())
            .isLessThan(FACTS.rawStockCodes.size());
        assertThat(this.database.count("SELECT sum(quantity) FROM retail.invoice_line"))
            .isEqualTo(FACTS.quantity - FACTS.duplicateQuantity);
        assertThat(new BigDecimal(this.database.text("SELECT sum(quantity * unit_price) FROM retail.invoice_line")))
            .isEqualByComparingTo(FACTS.amount.subtract(FACTS.duplicateAmount));
        assertThat(this.database.count("""
                SELECT count(*) FROM retail.invoice_line l JOIN retail.invoice i USING (invoice_no)
                WHERE i.customer_id IS NULL""")).isEqualTo(FACTS.distinctRowsWithoutCustomer);
    }

    @Test
    void numbersTheStoredLinesOfEachInvoiceFromOneInFileOrder() {
        this.database.importFile(TestFiles.SAMPLE);

        assertThat(this.database.count("""
                SELECT count(*) FROM (SELECT invoice_no, count(*) AS lines, min(line_no) AS first, max(line_no) AS last
                                      FROM retail.invoice_line GROUP BY invoice_no) i
                WHERE first <> 1 OR last <> lines""")).isZero();
        assertThat(FACTS.linesPerInvoice).containsEntry("536365", 7).containsEntry("C536379", 1);
        for (String invoice : new String[] { "536365", "C536379", "537224" }) {
            assertThat(this.database
                .count("SELECT count(*) FROM retail.invoice_line WHERE invoice_no = '" + invoice + "'"))
                .isEqualTo(FACTS.linesPerInvoice.get(invoice).longValue());
        }
        assertThat(this.database.text("SELECT string_agg(stock_code, ',' ORDER BY line_no) FROM retail.invoice_line"
                + " WHERE invoice_no = '536365'"))
            .isEqualTo("85123A,71053,84406B,84029G,84029E,22752,21730");
    }

    @Test
    void appliesTheRulesToCustomersInvoicesAndTheCatalogue() {
        this.database.importFile(TestFiles.SAMPLE);

        assertThat(this.database
            .text("SELECT customer_id || ' ' || country FROM retail.customer" + " WHERE customer_id = '17850'"))
            .isEqualTo("17850 United Kingdom");
        assertThat(this.database.count("SELECT count(*) FROM retail.customer WHERE customer_id LIKE '%.%'")).isZero();
        assertThat(this.database.text("SELECT kind || ' ' || coalesce(customer_id, '-') FROM retail.invoice"
                + " WHERE invoice_no = 'C536379'"))
            .isEqualTo("cancellation 14527");
        assertThat(this.database.text("SELECT kind || ' ' || coalesce(unit_price::text, 'no price')"
                + " FROM retail.stock_code WHERE stock_code = 'POST'"))
            .isEqualTo("postage no price");
        assertThat(this.database.count("SELECT count(*) FROM retail.stock_code WHERE stock_code <> upper(stock_code)"))
            .isZero();
        // every entry: the latest non-empty description; for products the latest positive
        // sale price, else none
        Map<String, String> expected = new java.util.TreeMap<>();
        for (String code : FACTS.stockCodes) {
            BigDecimal price = FACTS.latestSalePrice.get(code);
            boolean product = dev.weir.retail.stockcode.StockCodeKind
                .of(code) == dev.weir.retail.stockcode.StockCodeKind.PRODUCT;
            expected.put(code, FACTS.latestDescription.get(code) + " | "
                    + ((product && price != null) ? price.setScale(3).toPlainString() : null));
        }
        assertThat(this.database
            .text("""
                    SELECT string_agg(stock_code || '=' || coalesce(description, 'null') || ' | ' || coalesce(unit_price::text, 'null'),
                                      '\n' ORDER BY stock_code) FROM retail.stock_code"""))
            .isEqualTo(expected.entrySet()
                .stream()
                .map((entry) -> entry.getKey() + "=" + entry.getValue())
                .collect(java.util.stream.Collectors.joining("\n")));
        assertThat(FACTS.latestSalePrice.get("85123A")).isEqualByComparingTo("2.55");
        // negative quantities and zero prices are kept as they are
        assertThat(this.database.count("SELECT count(*) FROM retail.invoice_line WHERE quantity < 0")).isPositive();
        assertThat(this.database.count("SELECT count(*) FROM retail.invoice_line WHERE unit_price = 0")).isPositive();
    }

    @Test
    void givesLinesWithoutADescriptionTheCataloguesAndCountsTheRestAsMissing() {
        ImportReport report = this.database.importFile(TestFiles.SAMPLE);

        assertThat(report.rule(ImportRule.DESCRIPTION_FROM_CATALOGUE)).isPositive();
        assertThat(this.database.count("SELECT count(*) FROM retail.invoice_line WHERE description IS NULL"))
            .isEqualTo(report.rule(ImportRule.DESCRIPTION_MISSING));
        assertThat(this.database.count("""
                SELECT count(*) FROM retail.invoice_line l JOIN retail.stock_code s USING (stock_code)
                WHERE l.description IS NULL AND s.description IS NOT NULL""")).isZero();
    }

    @Test
    void importingTheSameFileAgainChangesNothingAndReportsEverythingAsAlreadyPresent() {
        ImportReport first = this.database.importFile(TestFiles.SAMPLE);
        Map<String, String> before = this.database.fingerprint();

        ImportReport again = this.database.importFile(TestFiles.SAMPLE);

        assertThat(this.database.fingerprint()).isEqualTo(before);
        assertThat(again.linesStored()).isZero();
        assertThat(again.linesAlreadyPresent()).isEqualTo(first.linesStored());
        assertThat(again.rejected(RejectReason.DUPLICATE_LINE)).isEqualTo(196);
        assertThat(again.rejected(RejectReason.CONFLICTS_WITH_STORED_LINE)).isZero();
        assertThat(again.reconciles()).isTrue();
        assertThat(again.customers()).isEqualTo(new ImportReport.Counts(0, first.customers().added()));
        assertThat(again.stockCodes()).isEqualTo(new ImportReport.Counts(0, first.stockCodes().added()));
        assertThat(again.invoices()).isEqualTo(new ImportReport.Counts(0, first.invoices().added()));
        assertThat(again.invoicesExtended()).isZero();
        assertThat(again.render()).contains("already present", "reconciles: yes");
    }

    @Test
    void rendersAReportWithExactCountsFormatEncodingAndTime() {
        ImportReport report = this.database.importFile(TestFiles.SAMPLE);

        assertThat(report.render()).contains("online_retail_sample.csv")
            .contains(ImportFormat.UCI_EXPORT.description())
            .contains("encoding: UTF-8")
            .containsPattern("read +10,000\n")
            .containsPattern("stored +9,804\n")
            .containsPattern("duplicate_line +196\n")
            .contains("reconciles: yes (10,000 read = 9,804 stored + 0 already present + 196 rejected)")
            .containsPattern(
                    "customers +" + String.format(java.util.Locale.ROOT, "%,d", FACTS.customers.size()) + " +0\n")
            .containsPattern(
                    "no_customer +" + String.format(java.util.Locale.ROOT, "%,d", FACTS.distinctRowsWithoutCustomer))
            .containsPattern("Time: [0-9.]+ s, [0-9,]+ lines/s")
            .contains("writing invoice lines");
    }

}
