package dev.weir.retail.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers and invoices are written while the file is read ({@link EarlyHeaders}), from
 * their first rows; what is written is what the whole file says ({@link RetailBatch}).
 */
class ImportWhileReadingIT {

    @TempDir
    Path directory;

    @Test
    void storesTheCustomersAndInvoicesOfTheirFirstRowsAlsoWhenAValueThatIsNotAsciiStopsTheEarlyWrites()
            throws IOException {
        // 3,000 invoices of two rows each: the first batches of 2,000 go while reading;
        // at
        // invoice 2,500 a country that is not ASCII stops them and the rest is written
        // after
        StringBuilder csv = new StringBuilder(RetailCsvTest.HEADER);
        for (int i = 0; i < 3_000; i++) {
            String invoice = ((i % 10 == 9) ? "C" : "") + (700_000 + i);
            String customer = (i == 2_500) ? "29999.0" : (i % 11 == 0) ? "" : (20_000 + i % 400) + ".0";
            String country = (i == 2_500) ? "Côte d'Ivoire" : (i % 3 == 0) ? "France" : "United Kingdom";
            csv.append(row(invoice, "CODE" + i % 50, "2011-01-01 10:00:00", customer, country));
            // a second row a minute later, for another customer and country: the first
            // win
            csv.append(row(invoice, "CODE" + (i + 1) % 50, "2011-01-01 10:01:00", "" + (21_000 + i) + ".0", "Spain"));
        }
        Path file = this.directory.resolve("while-reading.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        RetailBatch batch = RetailBatch.of(RetailCsv.read(file, ImportProgress.NONE));
        ImportDatabase database = ImportDatabase.create();

        ImportReport report = database.importFile(file);

        assertThat(report.linesStored()).isEqualTo(6_000);
        assertThat(report.customers()).isEqualTo(new ImportReport.Counts(batch.customerCount, 0));
        assertThat(report.invoices()).isEqualTo(new ImportReport.Counts(3_000, 0));
        assertThat(report.rule(ImportRule.INVOICE_FIRST_DATE)).isEqualTo(3_000);
        assertThat(report.rule(ImportRule.CUSTOMER_FIRST_COUNTRY)).isPositive();
        TreeMap<String, String> customers = new TreeMap<>();
        for (int c = 0; c < batch.customerCount; c++) {
            customers.put(batch.customerIds[c], batch.customerCountries[c]);
        }
        assertThat(customers).containsEntry("29999", "Côte d'Ivoire").containsEntry("20001", "United Kingdom");
        assertThat(database.text(
                "SELECT string_agg(customer_id || '=' || country, '|' ORDER BY customer_id)" + " FROM retail.customer"))
            .isEqualTo(customers.entrySet()
                .stream()
                .map((entry) -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("|")));
        TreeMap<String, String> invoices = new TreeMap<>();
        for (int i = 0; i < batch.invoiceCount; i++) {
            int customer = batch.invoiceCustomers[i];
            invoices.put(batch.invoiceNos[i],
                    String.join(",", RetailValues.formatDate(batch.invoiceDates[i]),
                            (customer >= 0) ? batch.customerIds[customer] : "-", batch.invoiceCountries[i],
                            batch.invoiceKinds[i].wireName()));
        }
        assertThat(invoices).containsEntry("702500", "2011-01-01 10:00:00,29999,Côte d'Ivoire,sale")
            .containsEntry("C700009", "2011-01-01 10:00:00,20009,France,cancellation")
            .containsEntry("700011", "2011-01-01 10:00:00,-,United Kingdom,sale");
        assertThat(database
            .text("""
                    SELECT string_agg(invoice_no || '=' || to_char(invoice_date, 'YYYY-MM-DD HH24:MI:SS') || ','
                                      || coalesce(customer_id, '-') || ',' || country || ',' || kind, '|' ORDER BY invoice_no)
                    FROM retail.invoice"""))
            .isEqualTo(invoices.entrySet()
                .stream()
                .map((entry) -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("|")));
    }

    private static String row(String invoice, String code, String date, String customer, String country) {
        return String.format(Locale.ROOT, "%s,%s,A THING,1,%s,1.5,%s,%s%n", invoice, code, date, customer, country);
    }

}
