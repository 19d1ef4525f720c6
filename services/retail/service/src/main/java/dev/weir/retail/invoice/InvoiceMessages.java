package dev.weir.retail.invoice;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

import dev.weir.retail.system.Versions;

/**
 * Invoices as {@code retail.v1} messages, for the gRPC endpoints (the invoice feature's
 * own, and the customers' stream of their invoices).
 */
final class InvoiceMessages {

    private InvoiceMessages() {
    }

    /** The invoice with its lines. */
    static dev.weir.retail.api.v1.Invoice of(Invoice invoice) {
        var message = dev.weir.retail.api.v1.Invoice.newBuilder()
            .setInvoiceNo(invoice.invoiceNo())
            .setInvoiceDate(invoice.invoiceDate().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
            .setKind(kind(invoice.kind()))
            .setEtag(Versions.etag(invoice.version()));
        if (invoice.country() != null) {
            message.setCountry(invoice.country());
        }
        if (invoice.customerId() != null) {
            message.setCustomerId(invoice.customerId());
        }
        for (InvoiceLine line : invoice.lines()) {
            message.addLines(of(line));
        }
        return message.build();
    }

    static dev.weir.retail.api.v1.InvoiceLine of(InvoiceLine line) {
        var message = dev.weir.retail.api.v1.InvoiceLine.newBuilder()
            .setInvoiceNo(line.invoiceNo())
            .setLineNo(line.lineNo())
            .setStockCode(line.stockCode())
            .setQuantity(line.quantity())
            .setUnitPrice(decimal(line.unitPrice()));
        if (line.description() != null) {
            message.setDescription(line.description());
        }
        return message.build();
    }

    /** A price as the API writes it: plain decimal notation, exact ("2.55", "10"). */
    static String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    static dev.weir.retail.api.v1.InvoiceKind kind(InvoiceKind kind) {
        return switch (kind) {
            case SALE -> dev.weir.retail.api.v1.InvoiceKind.INVOICE_KIND_SALE;
            case CANCELLATION -> dev.weir.retail.api.v1.InvoiceKind.INVOICE_KIND_CANCELLATION;
            case ADJUSTMENT -> dev.weir.retail.api.v1.InvoiceKind.INVOICE_KIND_ADJUSTMENT;
        };
    }

}
