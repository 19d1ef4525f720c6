package dev.weir.retail.client.rest;

/**
 * A customer to create ({@code POST /customer}).
 *
 * @param customerId letters, digits, '.', '_' or '-', at most 64; "17850.0" is stored as
 * "17850"
 * @param country not blank, at most 64 characters
 */
public record NewCustomer(String customerId, String country) {
}
