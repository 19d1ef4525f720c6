/**
 * Customers of the shop: {@code /customer} over REST (and its fast GET route) and
 * {@code retail.v1.Customers} over gRPC, both through {@link CustomerService}.
 */
package dev.weir.retail.customer;
