package dev.weir.retail.invoice;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
    public CompletionStage<Optional<Found>> find(String invoiceNo, Executor blocking) {
        return this.invoices.findLater(invoiceNo, blocking)
            .thenApply((found) -> found.map((invoice) -> new Found(Versions.etag(invoice.version()),
                    InvoiceResponses.InvoiceView.of(invoice))));
    }

}
