package dev.weir.retail.client.rest;

/**
 * A customer ({@code GET /customer/{customer_id}}).
 *
 * @param customerId the canonical id ("17850", never "17850.0")
 * @param country the country as the shop records it
 */
public record Customer(String customerId, String country) {
}
