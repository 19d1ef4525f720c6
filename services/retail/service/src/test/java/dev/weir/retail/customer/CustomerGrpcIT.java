package dev.weir.retail.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import dev.weir.retail.api.v1.AddInvoiceLineRequest;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.api.v1.Invoice;
import dev.weir.retail.api.v1.InvoiceKind;
import dev.weir.retail.api.v1.ListCustomerInvoicesRequest;
import dev.weir.retail.support.RetailClients;
import dev.weir.retail.support.RetailIT;

import static dev.weir.retail.support.Grpc.badRequest;
import static dev.weir.retail.support.Grpc.errorInfo;
import static dev.weir.retail.support.Grpc.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code retail.v1.Customers}. Shares its database with the other Retail API tests: ids
 * 310xx are this class's.
 */
@RetailIT
class CustomerGrpcIT extends RetailClients {

    @Test
    void createsACustomerAndReadsItBackWithTheETagOfTheRestApi() {
        var created = this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("31001.0").setCountry("Norway").build());
        assertThat(created.getCustomerId()).isEqualTo("31001");
        assertThat(created.getCountry()).isEqualTo("Norway");

        var read = this.grpc.customers().getCustomer(GetCustomerRequest.newBuilder().setCustomerId("31001.0").build());
        assertThat(read).isEqualTo(created);
        assertThat(read.getEtag()).isEqualTo(this.http.get("/customer/31001").header("ETag"));
    }

    @Test
    void answersAMissingCustomerWithNotFoundNamingIt() {
        StatusRuntimeException missing = failure(() -> this.grpc.customers()
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("31099").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(missing.getStatus().getDescription()).isEqualTo("No customer with customer_id '31099'.");
        ErrorInfo info = errorInfo(missing);
        assertThat(info.getReason()).isEqualTo("not-found");
        assertThat(info.getDomain()).isEqualTo("weir.dev");
        assertThat(info.getMetadataMap()).containsExactly(Map.entry("customer_id", "31099"));
    }

    @Test
    void answersADuplicateWithAlreadyExists() {
        var request = CreateCustomerRequest.newBuilder().setCustomerId("31002").setCountry("Spain").build();
        this.grpc.customers().createCustomer(request);
        StatusRuntimeException duplicate = failure(() -> this.grpc.customers().createCustomer(request));
        assertThat(duplicate.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(errorInfo(duplicate).getReason()).isEqualTo("already-exists");
        assertThat(errorInfo(duplicate).getMetadataMap()).containsEntry("customer_id", "31002");
    }

    @Test
    void rejectsAnInvalidCustomerByTheRulesOfTheRestApiNamingEveryField() {
        StatusRuntimeException invalid = failure(() -> this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("31 003").setCountry(" ").build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorInfo(invalid).getReason()).isEqualTo("validation");
        BadRequest badRequest = badRequest(invalid);
        assertThat(badRequest.getFieldViolationsList()).extracting((v) -> v.getField(), (v) -> v.getDescription())
            .containsExactly(tuple("country", "must not be blank"),
                    tuple("customer_id", "must be letters, digits, '.', '_' or '-'"));

        var rest = this.http.post("/customer", "{\"customer_id\": \"31 003\", \"country\": \" \"}");
        List<String> restErrors = new ArrayList<>();
        rest.json()
            .get("errors")
            .forEach((e) -> restErrors.add(e.get("field").asString() + " " + e.get("detail").asString()));
        assertThat(badRequest.getFieldViolationsList()).extracting((v) -> v.getField() + " " + v.getDescription())
            .containsExactlyInAnyOrderElementsOf(restErrors);
    }

    @Test
    void rejectsAReadWithoutAnIdAsInvalid() {
        StatusRuntimeException invalid = failure(
                () -> this.grpc.customers().getCustomer(GetCustomerRequest.getDefaultInstance()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(badRequest(invalid).getFieldViolations(0).getField()).isEqualTo("customer_id");
    }

    @Test
    void streamsTheCustomersInvoicesInNumberOrderWithTheirLines() {
        this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("31004").setCountry("Iceland").build());
        this.http.post("/stockcode",
                "{\"stock_code\": \"GRPC-31004\", \"description\": \"LAMP\", \"unit_price\": 4.25}");
        for (String number : List.of("7310042", "C7310043", "7310041")) {
            assertThat(this.http
                .post("/customer/31004/invoice",
                        "{\"invoice_no\": \"" + number + "\", \"invoice_date\": \"2011-03-04T10:15:00\"}")
                .status()).isEqualTo(201);
        }
        this.grpc.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7310042")
                .setStockCode("grpc-31004")
                .setQuantity(2)
                .build());

        List<Invoice> invoices = new ArrayList<>();
        this.grpc.customers()
            .listCustomerInvoices(ListCustomerInvoicesRequest.newBuilder().setCustomerId("31004.0").build())
            .forEachRemaining(invoices::add);

        assertThat(invoices).extracting(Invoice::getInvoiceNo).containsExactly("7310041", "7310042", "C7310043");
        assertThat(invoices).extracting(Invoice::getKind)
            .containsExactly(InvoiceKind.INVOICE_KIND_SALE, InvoiceKind.INVOICE_KIND_SALE,
                    InvoiceKind.INVOICE_KIND_CANCELLATION);
        Invoice withLine = invoices.get(1);
        assertThat(withLine.getInvoiceDate()).isEqualTo("2011-03-04T10:15:00");
        assertThat(withLine.getCustomerId()).isEqualTo("31004");
        assertThat(withLine.getCountry()).isEqualTo("Iceland");
        assertThat(withLine.getLinesList()).singleElement().satisfies((line) -> {
            assertThat(line.getStockCode()).isEqualTo("GRPC-31004");
            assertThat(line.getDescription()).isEqualTo("LAMP");
            assertThat(line.getQuantity()).isEqualTo(2);
            assertThat(line.getUnitPrice()).isEqualTo("4.25");
        });
        assertThat(invoices.get(0).getLinesList()).isEmpty();
    }

    @Test
    void streamsNothingForACustomerWithoutInvoices() {
        this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("31005").setCountry("Malta").build());
        var invoices = this.grpc.customers()
            .listCustomerInvoices(ListCustomerInvoicesRequest.newBuilder().setCustomerId("31005").build());
        assertThat(invoices.hasNext()).isFalse();
    }

    @Test
    void answersTheInvoicesOfAMissingCustomerWithNotFoundBeforeAnyMessage() {
        StatusRuntimeException missing = failure(() -> this.grpc.customers()
            .listCustomerInvoices(ListCustomerInvoicesRequest.newBuilder().setCustomerId("31098").build())
            .hasNext());
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorInfo(missing).getMetadataMap()).containsEntry("customer_id", "31098");
    }

}
