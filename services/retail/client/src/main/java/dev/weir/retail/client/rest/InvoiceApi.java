package dev.weir.retail.client.rest;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The Retail API's invoices. Failures throw {@link RetailProblemException}.
 */
@HttpExchange(accept = "application/json")
public interface InvoiceApi {

    @GetExchange("/invoice/{invoice_no}")
    Invoice get(@PathVariable("invoice_no") String invoiceNo);

    @PostExchange(url = "/customer/{customer_id}/invoice", contentType = "application/json")
    Invoice create(@PathVariable("customer_id") String customerId, @RequestBody NewInvoice invoice);

    /**
     * Adds a stock code to the invoice; answers the line (its {@code invoice} link left
     * out).
     */
    @PostExchange(url = "/invoice/{invoice_no}/{stock_code}", contentType = "application/json")
    InvoiceLine addLine(@PathVariable("invoice_no") String invoiceNo, @PathVariable("stock_code") String stockCode,
            @RequestBody NewInvoiceLine line);

}
