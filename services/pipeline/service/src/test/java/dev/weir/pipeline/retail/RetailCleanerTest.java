package dev.weir.pipeline.retail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.support.Raw;

import static org.assertj.core.api.Assertions.assertThat;

class RetailCleanerTest {

    private final RetailCleaner cleaner = new RetailCleaner();

    private static final Instant AT = Instant.parse("2026-11-21T18:35:45.123456Z");

    @Test
    void readsAnInvoiceEventAsTheApiShowsIt() {
        var cleaned = (Cleaning.Cleaned) this.cleaner
            .clean(Raw.event("weir.events.retail", "e1", "weir.retail.invoice.created", "C536379", AT, """
                    {"invoice_no": "C536379", "invoice_date": "2010-12-01T09:41:00", "kind": "cancellation",
                     "country": "United Kingdom", "customer": {"url": "/customer/14527"}, "lines": []}"""));
        assertThat(cleaned.rows()).hasSize(1);
        assertThat(cleaned.rows().get(0).values()).containsEntry("customer_id", "14527")
            .containsEntry("kind", "cancellation")
            .containsEntry("invoice_date", LocalDateTime.of(2010, 12, 1, 9, 41))
            .containsEntry("date_key", 20101201)
            .containsEntry("source_version", AT);
        assertThat(cleaned.rules()).containsExactly("retail.cancellation");
    }

    @Test
    void readsAnExportedInvoiceWithItsLinesAndNoCustomer() {
        var cleaned = (Cleaning.Cleaned) this.cleaner
            .clean(Raw.event("weir.raw.retail", "x1", "weir.retail.export.invoice", "536414", AT, """
                    {"invoice_no": "536414", "invoice_date": "2010-12-01T11:52:00", "customer_id": null,
                     "country": "United Kingdom", "kind": "sale", "updated_at": "2026-11-20T10:00:00Z",
                     "lines": [{"line_no": 1, "stock_code": "22139", "description": null, "quantity": -56,
                                "unit_price": 0.0}]}"""));
        assertThat(cleaned.rows()).hasSize(2);
        assertThat(cleaned.rows().get(0).values()).containsEntry("customer_id", null)
            .containsEntry("source_version", Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(cleaned.rows().get(1).values()).containsEntry("quantity", -56)
            .containsEntry("unit_price", new BigDecimal("0.0"));
        assertThat(cleaned.rules()).contains("retail.no_customer", "retail.negative_quantity");
    }

    @Test
    void keepsADeletedCustomerAsATombstoneAndIgnoresTheImportSummary() {
        var deleted = (Cleaning.Cleaned) this.cleaner.clean(Raw.event("weir.events.retail", "e2",
                "weir.retail.customer.deleted", "17850.0", AT, "{\"customer_id\": \"17850.0\", \"country\": \"UK\"}"));
        assertThat(deleted.rows().get(0).values()).containsEntry("customer_id", "17850")
            .containsEntry("deleted_at", AT);
        assertThat(this.cleaner.clean(Raw.event("weir.events.retail", "e3", "weir.retail.import.finished", "file", AT,
                "{\"lines_stored\": 10}")))
            .isEqualTo(new Cleaning.Ignored("retail.import_summary"));
        assertThat(this.cleaner.clean(Raw.event("weir.events.retail", "e4", "weir.retail.invoice.line_added", "1", AT,
                "{\"invoice_no\": \"1\", \"line_no\": 1}")))
            .extracting("rule")
            .isEqualTo("retail.bad_value");
    }

}
