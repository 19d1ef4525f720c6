package dev.weir.retail.client.rest;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The Retail API's customers. Failures throw {@link RetailProblemException}.
 */
@HttpExchange(accept = "application/json")
public interface CustomerApi {

    @GetExchange("/customer/{customer_id}")
    Customer get(@PathVariable("customer_id") String customerId);

    @PostExchange(url = "/customer", contentType = "application/json")
    Customer create(@RequestBody NewCustomer customer);

    /** The customer's invoices as {@code id_<invoice_no>} to path, in number order. */
    @GetExchange("/customer/{customer_id}/invoice")
    Map<String, String> invoiceLinks(@PathVariable("customer_id") String customerId);

    /** The numbers of the customer's invoices, in order. */
    default List<String> invoiceNumbers(String customerId) {
        return invoiceLinks(customerId).keySet().stream().map((key) -> key.substring("id_".length())).toList();
    }

}
