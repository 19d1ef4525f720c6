package dev.weir.retail.client;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDateTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import dev.weir.retail.client.rest.Invoice;
import dev.weir.retail.client.rest.RetailRestClient;
import dev.weir.retail.client.rest.InvoiceLine;
import dev.weir.retail.client.rest.NewCustomer;
import dev.weir.retail.client.rest.NewInvoice;
import dev.weir.retail.client.rest.NewInvoiceLine;
import dev.weir.retail.client.rest.RetailProblemException;
import dev.weir.retail.client.rest.StockCode;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The REST client against a live Retail service; customers 410xx are this class's. */
@LiveRetail
class RetailRestClientIT {

    @LocalServerPort
    int port;

    RetailRestClient client;

    @BeforeEach
    void client() {
        this.client = RetailRestClient.create(RestClient.builder()
            .baseUrl("http://127.0.0.1:" + this.port)
            .defaultHeader("Authorization", TestTokens.bearer("retail.read", "retail.write")));
    }

    @Test
    void createsACustomerAndReadsItBack() {
        var created = this.client.customers().create(new NewCustomer("41001.0", "Denmark"));
        assertThat(created.customerId()).isEqualTo("41001");
        assertThat(this.client.customers().get("41001")).isEqualTo(created);
    }

    @Test
    void opensAnInvoiceAddsLinesAndReadsThemBackExactly() {
        this.client.customers().create(new NewCustomer("41002", "Finland"));
        this.client.stockCodes().create(new StockCode("CLIENT-41002", "TEA CUP", new BigDecimal("0.085"), null));
        Invoice opened = this.client.invoices()
            .create("41002", new NewInvoice("7410021", LocalDateTime.parse("2011-05-06T07:08:09")));
        assertThat(opened.customer().url()).isEqualTo("/customer/41002");
        assertThat(opened.kind()).isEqualTo("sale");

        InvoiceLine line = this.client.invoices().addLine("7410021", "client-41002", NewInvoiceLine.of(12));
        assertThat(line.unitPrice()).isEqualTo(new BigDecimal("0.085"));

        Invoice read = this.client.invoices().get("7410021");
        assertThat(read.invoiceDate()).isEqualTo(LocalDateTime.parse("2011-05-06T07:08:09"));
        assertThat(read.lines()).extracting(InvoiceLine::stockCode, InvoiceLine::quantity, InvoiceLine::unitPrice)
            .containsExactly(tuple("CLIENT-41002", 12, new BigDecimal("0.085")));
        assertThat(this.client.customers().invoiceNumbers("41002")).containsExactly("7410021");
    }

    @Test
    void turnsAMissingCustomerIntoAProblemWithItsTypeStatusAndId() {
        RetailProblemException missing = catchThrowableOfType(RetailProblemException.class,
                () -> this.client.customers().get("41099"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.type()).isEqualTo(URI.create("https://weir.dev/problems/not-found"));
        assertThat(missing.typeName()).isEqualTo("not-found");
        assertThat(missing.detail()).isEqualTo("No customer with customer_id '41099'.");
        assertThat(missing.properties()).containsEntry("customer_id", "41099");
    }

    @Test
    void namesEveryOffendingFieldOfAnInvalidRequest() {
        RetailProblemException invalid = catchThrowableOfType(RetailProblemException.class,
                () -> this.client.customers().create(new NewCustomer("", null)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.typeName()).isEqualTo("validation");
        assertThat(invalid.errors()).extracting(RetailProblemException.FieldError::field)
            .contains("customer_id", "country");
        assertThat(invalid.errors()).allSatisfy((error) -> assertThat(error.in()).isEqualTo("body"));
    }

    @Test
    void turnsADuplicateIntoAnAlreadyExistsProblem() {
        this.client.customers().create(new NewCustomer("41003", "Spain"));
        RetailProblemException duplicate = catchThrowableOfType(RetailProblemException.class,
                () -> this.client.customers().create(new NewCustomer("41003", "Spain")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.typeName()).isEqualTo("already-exists");
    }

}
