package dev.weir.retail.invoice;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import dev.weir.retail.api.v1.AddInvoiceLineRequest;
import dev.weir.retail.api.v1.GetInvoiceRequest;
import dev.weir.retail.api.v1.Invoice;
import dev.weir.retail.api.v1.InvoiceKind;
import dev.weir.retail.api.v1.InvoiceLine;
import dev.weir.retail.support.RetailClients;
import dev.weir.retail.support.RetailIT;
import tools.jackson.databind.JsonNode;

import static dev.weir.retail.support.Grpc.badRequest;
import static dev.weir.retail.support.Grpc.errorInfo;
import static dev.weir.retail.support.Grpc.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code retail.v1.Invoices}. Shares its database with the other Retail API tests:
 * customers 320xx, invoices 7320xxx and stock codes GRPC-320xx are this class's.
 */
@RetailIT
class InvoiceGrpcIT extends RetailClients {

    @Test
    void readsAnInvoiceWithItsLinesAsTheRestApiDoes() {
        invoice("32001", "7320011");
        stockCode("GRPC-32001", "2.55");
        stockCode("GRPC-32002", "0.085");
        this.http.post("/invoice/7320011/GRPC-32001", "{\"quantity\": 6}");
        this.http.post("/invoice/7320011/GRPC-32002", "{\"quantity\": 100, \"unit_price\": 10.000}");

        Invoice invoice = this.grpc.invoices()
            .getInvoice(GetInvoiceRequest.newBuilder().setInvoiceNo("7320011").build());

        var rest = this.http.get("/invoice/7320011");
        JsonNode json = rest.json();
        assertThat(invoice.getInvoiceNo()).isEqualTo(json.get("invoice_no").asString());
        assertThat(invoice.getInvoiceDate()).isEqualTo(json.get("invoice_date").asString())
            .isEqualTo("2011-12-09T12:50:00");
        assertThat(invoice.getKind()).isEqualTo(InvoiceKind.INVOICE_KIND_SALE);
        assertThat(invoice.getCountry()).isEqualTo(json.get("country").asString());
        assertThat("/customer/" + invoice.getCustomerId()).isEqualTo(json.get("customer").get("url").asString());
        assertThat(invoice.getEtag()).isEqualTo(rest.header("ETag"));
        assertThat(invoice.getLinesList())
            .extracting(InvoiceLine::getLineNo, InvoiceLine::getStockCode, InvoiceLine::getQuantity,
                    InvoiceLine::getUnitPrice)
            .containsExactly(tuple(1, "GRPC-32001", 6, "2.55"), tuple(2, "GRPC-32002", 100, "10"));
        for (int i = 0; i < 2; i++) {
            assertThat(invoice.getLines(i).getUnitPrice())
                .isEqualTo(json.get("lines").get(i).get("unit_price").decimalValue().toPlainString());
        }
    }

    @Test
    void addsALineAtTheCataloguePriceOrAtTheOneGiven() {
        invoice("32002", "7320021");
        stockCode("GRPC-32003", "1.65");
        stockCode("GRPC-32004", "3.00");
        String etagBefore = this.http.get("/invoice/7320021").header("ETag");

        InvoiceLine catalogue = this.grpc.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7320021")
                .setStockCode("grpc-32003")
                .setQuantity(12)
                .build());
        InvoiceLine given = this.grpc.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7320021")
                .setStockCode("GRPC-32004")
                .setQuantity(1)
                .setUnitPrice("2.125")
                .build());

        assertThat(catalogue.getInvoiceNo()).isEqualTo("7320021");
        assertThat(catalogue.getLineNo()).isEqualTo(1);
        assertThat(catalogue.getStockCode()).isEqualTo("GRPC-32003");
        assertThat(catalogue.getUnitPrice()).isEqualTo("1.65");
        assertThat(given.getLineNo()).isEqualTo(2);
        assertThat(given.getUnitPrice()).isEqualTo("2.125");
        assertThat(this.http.get("/invoice/7320021/GRPC-32004").json().get("unit_price").decimalValue())
            .isEqualByComparingTo("2.125");
        assertThat(this.grpc.invoices()
            .getInvoice(GetInvoiceRequest.newBuilder().setInvoiceNo("7320021").build())
            .getEtag()).isNotEqualTo(etagBefore);
    }

    @Test
    void rejectsAMissingQuantityAndAPriceOutOfBoundsByTheRulesOfTheRestApi() {
        invoice("32003", "7320031");
        stockCode("GRPC-32005", "1.00");
        StatusRuntimeException invalid = failure(() -> this.grpc.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7320031")
                .setStockCode("GRPC-32005")
                .setUnitPrice("1234567890.5")
                .build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorInfo(invalid).getReason()).isEqualTo("validation");
        assertThat(badRequest(invalid).getFieldViolationsList()).extracting((v) -> v.getField())
            .containsExactly("quantity", "unit_price", "unit_price");

        var rest = this.http.post("/invoice/7320031/GRPC-32005", "{\"unit_price\": 1234567890.5}");
        assertThat(rest.status()).isEqualTo(422);
        assertThat(rest.json().get("errors")).hasSize(3);
    }

    @Test
    void rejectsAPriceThatIsNotADecimalNumber() {
        invoice("32004", "7320041");
        stockCode("GRPC-32006", "1.00");
        for (String price : new String[] { "2,55", "1e3", "", "NaN", " 2.5" }) {
            StatusRuntimeException invalid = failure(() -> this.grpc.invoices()
                .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                    .setInvoiceNo("7320041")
                    .setStockCode("GRPC-32006")
                    .setQuantity(1)
                    .setUnitPrice(price)
                    .build()));
            assertThat(invalid.getStatus().getCode()).as(price).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(badRequest(invalid).getFieldViolations(0).getField()).isEqualTo("unit_price");
        }
    }

    @Test
    void answersAZeroQuantityWithTheServiceLayersRule() {
        invoice("32005", "7320051");
        stockCode("GRPC-32007", "1.00");
        StatusRuntimeException invalid = failure(() -> this.grpc.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7320051")
                .setStockCode("GRPC-32007")
                .setQuantity(0)
                .build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(badRequest(invalid).getFieldViolationsList())
            .extracting((v) -> v.getField(), (v) -> v.getDescription())
            .containsExactly(tuple("quantity", "must not be zero"));
    }

    @Test
    void answersAMissingInvoiceOrStockCodeWithNotFound() {
        StatusRuntimeException noInvoice = failure(
                () -> this.grpc.invoices().getInvoice(GetInvoiceRequest.newBuilder().setInvoiceNo("7329999").build()));
        assertThat(noInvoice.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorInfo(noInvoice).getMetadataMap()).containsEntry("invoice_no", "7329999");

        invoice("32006", "7320061");
        StatusRuntimeException noCode = failure(() -> this.grpc.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7320061")
                .setStockCode("GRPC-NONE")
                .setQuantity(1)
                .build()));
        assertThat(noCode.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorInfo(noCode).getMetadataMap()).containsEntry("stock_code", "GRPC-NONE");
    }

    @Test
    void answersACodeAlreadyOnTheInvoiceWithAlreadyExists() {
        invoice("32007", "7320071");
        stockCode("GRPC-32008", "1.00");
        var add = AddInvoiceLineRequest.newBuilder()
            .setInvoiceNo("7320071")
            .setStockCode("GRPC-32008")
            .setQuantity(1)
            .build();
        this.grpc.invoices().addInvoiceLine(add);
        StatusRuntimeException duplicate = failure(() -> this.grpc.invoices().addInvoiceLine(add));
        assertThat(duplicate.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(errorInfo(duplicate).getMetadataMap()).containsEntry("invoice_no", "7320071")
            .containsEntry("stock_code", "GRPC-32008");
    }

    private void invoice(String customerId, String invoiceNo) {
        assertThat(this.http.post("/customer", "{\"customer_id\": \"" + customerId + "\", \"country\": \"France\"}")
            .status()).isEqualTo(201);
        assertThat(this.http
            .post("/customer/" + customerId + "/invoice",
                    "{\"invoice_no\": \"" + invoiceNo + "\", \"invoice_date\": \"2011-12-09T12:50:00\"}")
            .status()).isEqualTo(201);
    }

    private void stockCode(String code, String price) {
        assertThat(this.http
            .post("/stockcode",
                    "{\"stock_code\": \"" + code + "\", \"description\": \"" + code + " THING\", \"unit_price\": "
                            + price + "}")
            .status()).isEqualTo(201);
    }

}
