package dev.weir.retail.invoice;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.retail.system.Versions;

/**
 * {@code GET /invoice/{invoice_no}} on the fast path: the same answer as
 * {@link InvoiceController#get}.
 */
@Component
class InvoiceFastRoute implements FastGetRoute {

    private final InvoiceService invoices;

    InvoiceFastRoute(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public String prefix() {
        return "/invoice/";
    }

    @Override
    public Optional<Found> find(String invoiceNo) {
        return this.invoices.find(invoiceNo)
            .map((invoice) -> new Found(Versions.etag(invoice.version()), InvoiceResponses.InvoiceView.of(invoice)));
    }

}
