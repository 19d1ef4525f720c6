package dev.weir.retail.invoice;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Invoices as clients see them. */
final class InvoiceResponses {

    private InvoiceResponses() {
    }

    @Schema(name = "Link")
    record Link(@Schema(example = "/customer/17850") String url) {
    }

    @Schema(name = "Invoice")
    record InvoiceView(@Schema(example = "536365") String invoiceNo,
            @Schema(example = "2010-12-01T08:26:00") LocalDateTime invoiceDate, InvoiceKind kind,
            @Schema(example = "United Kingdom") String country,
            @Schema(description = "The customer, or null for sales recorded without one") Link customer,
            List<LineView> lines) {

        static InvoiceView of(Invoice invoice) {
            return new InvoiceView(invoice.invoiceNo(), invoice.invoiceDate(), invoice.kind(), invoice.country(),
                    (invoice.customerId() != null) ? new Link("/customer/" + invoice.customerId()) : null,
                    invoice.lines().stream().map(LineView::of).toList());
        }

    }

    @Schema(name = "InvoiceLine")
    record LineView(@Schema(example = "1") int lineNo, @Schema(example = "85123A") String stockCode,
            @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER") String description,
            @Schema(example = "6") int quantity, @Schema(example = "2.55") BigDecimal unitPrice) {

        static LineView of(InvoiceLine line) {
            return new LineView(line.lineNo(), line.stockCode(), line.description(), line.quantity(), line.unitPrice());
        }

    }

    @Schema(name = "InvoiceLineOfInvoice", description = "One line, with the invoice it belongs to.")
    record LineOfInvoice(@Schema(example = "536365") String invoiceNo, @Schema(example = "1") int lineNo,
            @Schema(example = "85123A") String stockCode,
            @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER") String description,
            @Schema(example = "6") int quantity, @Schema(example = "2.55") BigDecimal unitPrice, Link invoice) {

        static LineOfInvoice of(InvoiceLine line) {
            return new LineOfInvoice(line.invoiceNo(), line.lineNo(), line.stockCode(), line.description(),
                    line.quantity(), line.unitPrice(), new Link("/invoice/" + line.invoiceNo()));
        }

    }

}
