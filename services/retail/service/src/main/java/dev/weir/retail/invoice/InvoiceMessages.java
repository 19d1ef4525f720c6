package dev.weir.retail.invoice;

import java.math.BigDecimal;

/**
 * Invoice lines and kinds as {@code retail.v1} messages; the invoice itself is
 * {@link InvoiceAnswers#message}.
 */
final class InvoiceMessages {

    private InvoiceMessages() {
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
