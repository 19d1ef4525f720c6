package dev.weir.retail.customer;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.springframework.stereotype.Component;

import dev.weir.platform.web.spi.FastGetRoute;

/**
 * {@code GET /customer/{customer_id}} on the fast path: the same answer as
 * {@link CustomerController#get}, found or missing ({@link CustomerAnswers}).
 */
@Component
class CustomerFastRoute implements FastGetRoute {

    private final CustomerService customers;

    CustomerFastRoute(CustomerService customers) {
        this.customers = customers;
    }

    @Override
    public String prefix() {
        return "/customer/";
    }

    @Override
    public CompletionStage<Answer> find(String customerId, Executor blocking) {
        return this.customers.findLater(customerId, blocking)
            .thenApply((found) -> CustomerAnswers.of(found, customerId));
    }

}
