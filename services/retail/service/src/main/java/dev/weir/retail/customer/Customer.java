package dev.weir.retail.customer;

/**
 * A customer of the shop.
 *
 * @param customerId the customer's id, canonical (see
 * {@link dev.weir.retail.identifier.CustomerIds#canonical})
 * @param country the customer's country as the shop records it ("United Kingdom", "EIRE",
 * ...)
 * @param version the version, for ETags and conditional writes
 */
public record Customer(String customerId, String country, long version) {
}
