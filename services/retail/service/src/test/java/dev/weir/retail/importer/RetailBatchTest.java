package dev.weir.retail.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.retail.invoice.InvoiceKind;
import dev.weir.retail.stockcode.StockCodeKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The normalisation rules that need only the file. */
class RetailBatchTest {

    @TempDir
    Path directory;

    @Test
    void keepsTheFirstCountryOfACustomerAndCountsCustomersSeenWithSeveral() throws IOException {
        RetailBatch batch = batch("""
                1,A,X,1,2010-12-01 08:00:00,1,17850.0,United Kingdom
                2,A,X,1,2010-12-02 08:00:00,1,17850,France
                3,A,X,1,2010-12-03 08:00:00,1,17850.0,Spain
                4,A,X,1,2010-12-04 08:00:00,1,12345.0,Spain
                """);
        assertThat(batch.customerCount).isEqualTo(2);
        assertThat(batch.customerIds).startsWith("17850", "12345");
        assertThat(batch.customerCountries).startsWith("United Kingdom", "Spain");
        assertThat(batch.invoiceCountries).startsWith("United Kingdom", "France", "Spain", "Spain");
        assertThat(batch.rules).containsEntry(ImportRule.CUSTOMER_FIRST_COUNTRY, 1L)
            .containsEntry(ImportRule.CUSTOMER_ID_CANONICAL, 3L);
    }

    @Test
    void keepsAnInvoicesFirstDateAndFirstCustomer() throws IOException {
        RetailBatch batch = batch("""
                536365,A,X,1,2010-12-01 08:26:00,1,17850.0,United Kingdom
                536365,B,X,1,2010-12-01 08:27:00,1,17850.0,United Kingdom
                536365,C,X,1,2010-12-01 08:28:00,1,,United Kingdom
                """);
        assertThat(batch.invoiceCount).isEqualTo(1);
        assertThat(RetailValues.formatDate(batch.invoiceDates[0])).isEqualTo("2010-12-01 08:26:00");
        assertThat(batch.customerIds[batch.invoiceCustomers[0]]).isEqualTo("17850");
        assertThat(batch.lineNumbers).containsExactly(1, 2, 3);
        assertThat(batch.rules).containsEntry(ImportRule.INVOICE_FIRST_DATE, 1L)
            .containsEntry(ImportRule.INVOICE_FIRST_CUSTOMER, 1L)
            .containsEntry(ImportRule.NO_CUSTOMER, 1L);
    }

    @Test
    void ordersLinesForCopyingByInvoiceNumberThenLineNumber() throws IOException {
        RetailBatch batch = batch("""
                536366,A,X,1,2010-12-01 08:00:00,1,,UK
                C536365,A,X,1,2010-12-01 08:00:00,1,,UK
                536365,A,X,1,2010-12-01 08:00:00,1,,UK
                536366,B,X,1,2010-12-01 08:00:00,1,,UK
                536365,B,X,1,2010-12-01 08:00:00,1,,UK
                536366,C,X,1,2010-12-01 08:00:00,1,,UK
                """);
        int[] order = RetailWriter.keyOrder(batch);

        assertThat(order).hasSize(batch.lineCount());
        assertThat(java.util.Arrays.stream(order)
            .mapToObj((line) -> batch.invoiceNos[batch.lineInvoices[line]] + "/" + batch.lineNumbers[line]))
            .containsExactly("536365/1", "536365/2", "536366/1", "536366/2", "536366/3", "C536365/1");
    }

    @Test
    void numbersLinesPerInvoiceInFileOrderWithoutDuplicates() throws IOException {
        RetailBatch batch = batch("""
                1,A,X,1,2010-12-01 08:00:00,1,,UK
                2,A,X,1,2010-12-01 08:00:00,1,,UK
                1,A,X,1,2010-12-01 08:00:00,1,,UK
                1,B,X,1,2010-12-01 08:00:00,1,,UK
                2,B,X,1,2010-12-01 08:00:00,1,,UK
                """);
        assertThat(batch.rows.duplicates).isEqualTo(1);
        assertThat(batch.lineCount()).isEqualTo(4);
        assertThat(batch.lineInvoices).containsExactly(0, 1, 0, 1);
        assertThat(batch.lineNumbers).containsExactly(1, 1, 2, 2);
    }

    @Test
    void tellsInvoiceKindsFromTheirNumbers() throws IOException {
        RetailBatch batch = batch("""
                536365,A,X,1,2010-12-01 08:00:00,1,,UK
                C536379,A,X,-1,2010-12-01 08:00:00,1,,UK
                A563185,B,Adjust bad debt,1,2010-12-01 08:00:00,-11062.06,,UK
                """);
        assertThat(batch.invoiceKinds).startsWith(InvoiceKind.SALE, InvoiceKind.CANCELLATION, InvoiceKind.ADJUSTMENT);
        assertThat(batch.rules).containsEntry(ImportRule.CANCELLATION_INVOICE, 1L)
            .containsEntry(ImportRule.ADJUSTMENT_INVOICE, 1L)
            .containsEntry(ImportRule.NEGATIVE_QUANTITY, 1L)
            .containsEntry(ImportRule.NEGATIVE_PRICE, 1L);
        assertThat(batch.linePrice(2)).isEqualTo(-11_062_060);
    }

    @Test
    void upperCasesStockCodesAndTellsTheirKind() throws IOException {
        RetailBatch batch = batch("""
                1,85123a,X,1,2010-12-01 08:00:00,1,,UK
                1,85123A,X,1,2010-12-01 08:00:00,1,,UK
                1,POST,POSTAGE,1,2010-12-01 08:00:00,18,,UK
                1,gift_0001_40,Voucher,1,2010-12-01 08:00:00,34.04,,UK
                """);
        assertThat(batch.codeCount).isEqualTo(3);
        assertThat(batch.codes).startsWith("85123A", "POST", "GIFT_0001_40");
        assertThat(batch.codeKinds).startsWith(StockCodeKind.PRODUCT, StockCodeKind.POSTAGE,
                StockCodeKind.GIFT_VOUCHER);
        assertThat(batch.rules).containsEntry(ImportRule.STOCK_CODE_CANONICAL, 2L)
            .containsEntry(ImportRule.NON_PRODUCT_CODE, 2L);
    }

    @Test
    void givesTheCatalogueTheLatestNonEmptyDescriptionAndTheLatestPositiveSalePriceOfProductsOnly() throws IOException {
        RetailBatch batch = batch("""
                1,A,FIRST,1,2010-12-01 08:00:00,2.10,,UK
                2,A,LATEST,1,2010-12-01 08:00:00,2.55,,UK
                3,A,,1,2010-12-01 08:00:00,0,,UK
                C4,A,,-1,2010-12-01 08:00:00,9.99,,UK
                5,POST,POSTAGE,1,2010-12-01 08:00:00,18,,UK
                6,B,,1,2010-12-01 08:00:00,0,,UK
                """);
        assertThat(batch.codes).startsWith("A", "POST", "B");
        assertThat(batch.descriptions[batch.codeDescriptions[0]]).isEqualTo("LATEST");
        assertThat(batch.codePrices[0]).isEqualTo(2550);
        assertThat(batch.codePrices[1]).isEqualTo(RetailBatch.NO_PRICE);
        assertThat(batch.codeDescriptions[2]).isEqualTo(-1);
        assertThat(batch.codePrices[2]).isEqualTo(RetailBatch.NO_PRICE);
        assertThat(batch.rules).containsEntry(ImportRule.CATALOGUE_LATEST_DESCRIPTION, 1L)
            .containsEntry(ImportRule.CATALOGUE_LATEST_PRICE, 1L)
            .containsEntry(ImportRule.CATALOGUE_NO_PRICE, 2L)
            .containsEntry(ImportRule.ZERO_PRICE, 2L);
    }

    private RetailBatch batch(String rows) throws IOException {
        Path file = this.directory.resolve("rows.csv");
        Files.writeString(file, RetailCsvTest.HEADER + rows);
        return RetailBatch.of(RetailCsv.read(file, ImportProgress.NONE));
    }

}
