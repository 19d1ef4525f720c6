package dev.weir.retail.invoice;

import java.time.format.DateTimeFormatter;
import java.util.Optional;

import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.retail.system.Versions;

/**
 * What every transport answers for an invoice, made only here: its ETag and its view, for
 * the controller and the fast route alike, and its {@code retail.v1} message for the gRPC
 * endpoints (the invoice's own, and the customers' stream of their invoices).
 */
final class InvoiceAnswers {

    private InvoiceAnswers() {
    }

    static String etag(Invoice invoice) {
        return Versions.etag(invoice.version());
    }

    /** The invoice as REST shows it, with its ETag. */
    static FastGetRoute.Found<InvoiceResponses.InvoiceView> found(Invoice invoice) {
        return new FastGetRoute.Found<>(etag(invoice), InvoiceResponses.InvoiceView.of(invoice));
    }

    /** The invoice found, or the problem the service reports when there is none. */
    static FastGetRoute.Answer of(Optional<Invoice> invoice, String invoiceNo) {
        return invoice.<FastGetRoute.Answer>map(InvoiceAnswers::found)
            .orElseGet(() -> new FastGetRoute.Missing(InvoiceService.notFound(invoiceNo)));
    }

    /** The invoice with its lines as gRPC shows it, with the same ETag. */
    static dev.weir.retail.api.v1.Invoice message(Invoice invoice) {
        var message = dev.weir.retail.api.v1.Invoice.newBuilder()
            .setInvoiceNo(invoice.invoiceNo())
            .setInvoiceDate(invoice.invoiceDate().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
            .setKind(InvoiceMessages.kind(invoice.kind()))
            .setEtag(etag(invoice));
        if (invoice.country() != null) {
            message.setCountry(invoice.country());
        }
        if (invoice.customerId() != null) {
            message.setCustomerId(invoice.customerId());
        }
        for (InvoiceLine line : invoice.lines()) {
            message.addLines(InvoiceMessages.of(line));
        }
        return message.build();
    }

}
