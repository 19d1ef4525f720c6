package dev.weir.retail.importer;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kaggle's data.csv layout stores exactly what the same rows in the UCI layout store. */
class KaggleImportIT {

    @Test
    void importsKaggleRowsInIso88591WithTheSameResultsAsTheSameRowsFromTheUciExport() {
        ImportDatabase fromUci = ImportDatabase.create();
        ImportDatabase fromKaggle = ImportDatabase.create();

        ImportReport uci = fromUci.importFile(TestFiles.SLICE_UCI);
        ImportReport kaggle = fromKaggle.importFile(TestFiles.SLICE_KAGGLE);

        assertThat(uci.format()).isEqualTo(ImportFormat.UCI_EXPORT);
        assertThat(uci.encoding()).isEqualTo("UTF-8");
        assertThat(kaggle.format()).isEqualTo(ImportFormat.KAGGLE);
        assertThat(kaggle.encoding()).isEqualTo("ISO-8859-1");
        assertThat(kaggle.linesRead()).isEqualTo(uci.linesRead()).isEqualTo(402);
        assertThat(kaggle.linesStored()).isEqualTo(uci.linesStored()).isEqualTo(398);
        assertThat(kaggle.rejected()).isEqualTo(uci.rejected());
        assertThat(kaggle.customers()).isEqualTo(uci.customers());
        assertThat(kaggle.stockCodes()).isEqualTo(uci.stockCodes());
        assertThat(kaggle.invoices()).isEqualTo(uci.invoices());
        // the one difference: Kaggle writes customer ids as integers already
        assertThat(uci.rule(ImportRule.CUSTOMER_ID_CANONICAL)).isEqualTo(398 - 332);
        assertThat(kaggle.rule(ImportRule.CUSTOMER_ID_CANONICAL)).isZero();
        assertThat(without(kaggle.rules(), ImportRule.CUSTOMER_ID_CANONICAL))
            .isEqualTo(without(uci.rules(), ImportRule.CUSTOMER_ID_CANONICAL));
        assertThat(kaggle.reconciles()).isTrue();

        assertThat(fromKaggle.contents()).isEqualTo(fromUci.contents());
        assertThat(fromKaggle.text("SELECT description FROM retail.invoice_line WHERE stock_code = 'GIFT_0001_40'"))
            .isEqualTo("Dotcomgiftshop Gift Voucher £40.00");
        assertThat(fromKaggle.text("SELECT invoice_date::text FROM retail.invoice WHERE invoice_no = '539492'"))
            .isEqualTo("2010-12-20 10:14:00");
    }

    private static Map<ImportRule, Long> without(Map<ImportRule, Long> rules, ImportRule rule) {
        Map<ImportRule, Long> others = new EnumMap<>(rules);
        others.remove(rule);
        return others;
    }

}
