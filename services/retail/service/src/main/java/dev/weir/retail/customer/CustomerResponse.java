package dev.weir.retail.customer;

import io.swagger.v3.oas.annotations.media.Schema;

/** A customer as clients see it. */
@Schema(name = "Customer")
record CustomerResponse(@Schema(example = "17850") String customerId,
        @Schema(example = "United Kingdom") String country) {

    static CustomerResponse of(Customer customer) {
        return new CustomerResponse(customer.customerId(), customer.country());
    }

}
