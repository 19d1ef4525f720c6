package dev.weir.retail.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports next to what was made through the Retail API: the API's rows win, and what the
 * import adds shows through the API. (Its own pool name gives the class its own context,
 * so its own database.)
 */
@RetailIT
@TestPropertySource(properties = "spring.datasource.hikari.pool-name=retail-import-with-api")
class ImportWithApiIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path directory;

    Http http;

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void keepsCustomersAndCatalogueEntriesMadeThroughTheApiAndFillsEmptyDescriptionsFromThem() {
        var customer = this.http.post("/customer", "{\"customer_id\": \"17850\", \"country\": \"France\"}");
        var heart = this.http.post("/stockcode",
                "{\"stock_code\": \"85123A\", \"description\": \"EDITED HEART\", \"unit_price\": 9.99}");
        var box = this.http.post("/stockcode",
                "{\"stock_code\": \"21134\", \"description\": \"NAMED THROUGH THE API\"}");
        assertThat(customer.status()).isEqualTo(201);
        assertThat(heart.status()).isEqualTo(201);
        assertThat(box.status()).isEqualTo(201);

        ImportReport report = new RetailImporter(this.dataSource).importFile(TestFiles.SAMPLE, ImportProgress.NONE);

        assertThat(report.customers().alreadyPresent()).isEqualTo(1);
        assertThat(report.stockCodes().alreadyPresent()).isEqualTo(2);
        assertThat(report.reconciles()).isTrue();
        var customerAfter = this.http.get("/customer/17850");
        assertThat(customerAfter.json().get("country").asString()).isEqualTo("France");
        assertThat(customerAfter.header("ETag")).isEqualTo(customer.header("ETag"));
        var heartAfter = this.http.get("/stockcode/85123A");
        assertThat(heartAfter.json().get("description").asString()).isEqualTo("EDITED HEART");
        assertThat(heartAfter.json().get("unit_price").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(heartAfter.header("ETag")).isEqualTo(heart.header("ETag"));
        // a line keeps the description and price it was sold with...
        var line = this.http.get("/invoice/536365/85123A").json();
        assertThat(line.get("description").asString()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
        assertThat(line.get("unit_price").decimalValue()).isEqualByComparingTo("2.55");
        // ...and a line without one takes the catalogue's, which is the API's
        assertThat(this.http.get("/invoice/536545/21134").json().get("description").asString())
            .isEqualTo("NAMED THROUGH THE API");
        assertThat(this.http.get("/invoice/C536379").json().get("kind").asString()).isEqualTo("cancellation");
    }

    @Test
    void rejectsFileLinesWhosePlaceOnAnInvoiceHoldsAnotherLineAndGivesInvoicesThatGetLinesANewVersion()
            throws IOException {
        this.http.post("/customer", "{\"customer_id\": \"99001\", \"country\": \"Iceland\"}");
        for (String code : new String[] { "TESTA", "TESTB", "TESTC" }) {
            this.http.post("/stockcode", "{\"stock_code\": \"" + code + "\", \"unit_price\": 1.5}");
        }
        this.http.post("/customer/99001/invoice",
                "{\"invoice_no\": \"600001\", \"invoice_date\": \"2011-12-10T10:00:00\"}");
        assertThat(this.http.post("/invoice/600001/TESTB", "{\"quantity\": 1}").status()).isEqualTo(201);
        this.http.post("/customer/99001/invoice",
                "{\"invoice_no\": \"600002\", \"invoice_date\": \"2011-12-10T11:00:00\"}");
        String versionBefore = this.http.get("/invoice/600001").header("ETag");
        String emptyVersionBefore = this.http.get("/invoice/600002").header("ETag");
        Path file = this.directory.resolve("600001.csv");
        Files.writeString(file, RetailCsvTest.HEADER + """
                600001,TESTA,FIRST,2,2011-12-10 10:00:00,1.0,99001.0,Iceland
                600001,TESTB,SECOND,3,2011-12-10 10:00:00,2.0,99001.0,Iceland
                600001,TESTC,THIRD,4,2011-12-10 10:00:00,3.0,99001.0,Iceland
                600002,TESTA,FIRST,5,2011-12-10 11:00:00,1.0,99001.0,Iceland
                """);
        RetailImporter importer = new RetailImporter(this.dataSource);

        ImportReport report = importer.importFile(file, ImportProgress.NONE);

        assertThat(report.rejected(RejectReason.CONFLICTS_WITH_STORED_LINE)).isEqualTo(1);
        assertThat(report.linesStored()).isEqualTo(3);
        assertThat(report.invoices()).isEqualTo(new ImportReport.Counts(0, 2));
        assertThat(report.invoicesExtended()).isEqualTo(2);
        assertThat(report.reconciles()).isTrue();
        var invoice = this.http.get("/invoice/600001");
        assertThat(invoice.header("ETag")).isNotEqualTo(versionBefore);
        assertThat(invoice.json()
            .get("lines")
            .valueStream()
            .map((l) -> l.get("line_no").asInt() + " " + l.get("stock_code").asString() + " "
                    + l.get("quantity").asInt()))
            .containsExactly("1 TESTB 1", "2 TESTB 3", "3 TESTC 4");
        var filled = this.http.get("/invoice/600002");
        assertThat(filled.header("ETag")).isNotEqualTo(emptyVersionBefore);
        assertThat(filled.json().get("lines")).hasSize(1);

        ImportReport again = importer.importFile(file, ImportProgress.NONE);

        assertThat(again.rejected(RejectReason.CONFLICTS_WITH_STORED_LINE)).isEqualTo(1);
        assertThat(again.linesAlreadyPresent()).isEqualTo(3);
        assertThat(again.linesStored()).isZero();
        assertThat(again.reconciles()).isTrue();
        assertThat(again.invoicesExtended()).isZero();
        assertThat(this.http.get("/invoice/600001").header("ETag")).isEqualTo(invoice.header("ETag"));
        assertThat(this.http.get("/invoice/600002").header("ETag")).isEqualTo(filled.header("ETag"));
    }

}
