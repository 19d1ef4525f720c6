package dev.weir.retail.customer;

import java.util.Optional;

import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.retail.system.Versions;

/**
 * What every transport answers for a customer, made only here: its ETag and its view, for
 * the controller and the fast route alike, and its {@code retail.v1} message for the gRPC
 * endpoint.
 */
final class CustomerAnswers {

    private CustomerAnswers() {
    }

    static String etag(Customer customer) {
        return Versions.etag(customer.version());
    }

    /** The customer as REST shows it, with its ETag. */
    static FastGetRoute.Found<CustomerResponse> found(Customer customer) {
        return new FastGetRoute.Found<>(etag(customer), CustomerResponse.of(customer));
    }

    /** The customer found, or the problem the service reports when there is none. */
    static FastGetRoute.Answer of(Optional<Customer> customer, String customerId) {
        return customer.<FastGetRoute.Answer>map(CustomerAnswers::found)
            .orElseGet(() -> new FastGetRoute.Missing(CustomerService.notFound(customerId)));
    }

    /** The customer as gRPC shows it, with the same ETag. */
    static dev.weir.retail.api.v1.Customer message(Customer customer) {
        return dev.weir.retail.api.v1.Customer.newBuilder()
            .setCustomerId(customer.customerId())
            .setCountry(customer.country())
            .setEtag(etag(customer))
            .build();
    }

}
