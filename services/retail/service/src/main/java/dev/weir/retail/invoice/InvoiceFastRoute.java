package dev.weir.retail.invoice;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.springframework.stereotype.Component;

import dev.weir.platform.web.spi.FastGetRoute;

/**
 * {@code GET /invoice/{invoice_no}} on the fast path: the same answer as
 * {@link InvoiceController#get}, found or missing ({@link InvoiceAnswers}).
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
    public CompletionStage<Answer> find(String invoiceNo, Executor blocking) {
        return this.invoices.findLater(invoiceNo, blocking).thenApply((found) -> InvoiceAnswers.of(found, invoiceNo));
    }

}
