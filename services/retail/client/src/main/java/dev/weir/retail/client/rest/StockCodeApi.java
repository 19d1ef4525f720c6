package dev.weir.retail.client.rest;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The Retail API's product catalogue. Failures throw {@link RetailProblemException}.
 */
@HttpExchange(accept = "application/json")
public interface StockCodeApi {

    /** The entry; codes are case-insensitive. */
    @GetExchange("/stockcode/{stock_code}")
    StockCode get(@PathVariable("stock_code") String stockCode);

    @PostExchange(url = "/stockcode", contentType = "application/json")
    StockCode create(@RequestBody StockCode stockCode);

}
