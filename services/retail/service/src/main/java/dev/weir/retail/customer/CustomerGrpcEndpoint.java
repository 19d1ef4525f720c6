package dev.weir.retail.customer;

import io.grpc.stub.StreamObserver;
import dev.weir.platform.grpc.Answers;
import org.springframework.stereotype.Component;

import dev.weir.platform.grpc.RequestValidator;
import dev.weir.platform.grpc.ServerStreams;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.api.v1.CustomersGrpc;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.api.v1.ListCustomerInvoicesRequest;

/**
 * {@code retail.v1.Customers}: binds the messages to the requests the REST controller
 * takes, validates them by the same rules, and calls the same {@link CustomerService}.
 * The customer's invoices come from the invoice feature
 * ({@link CustomerInvoiceMessages}), which also serves {@code GET
 * /customer/{id}/invoice}.
 */
@Component
class CustomerGrpcEndpoint extends CustomersGrpc.CustomersImplBase {

    private final CustomerService customers;

    private final CustomerInvoiceMessages invoices;

    private final RequestValidator validator;

    CustomerGrpcEndpoint(CustomerService customers, CustomerInvoiceMessages invoices, RequestValidator validator) {
        this.customers = customers;
        this.invoices = invoices;
        this.validator = validator;
    }

    @Override
    public void getCustomer(GetCustomerRequest request, StreamObserver<dev.weir.retail.api.v1.Customer> responses) {
        // Asynchronous, like the REST fast route: the lookup shares a query with
        // concurrent ones and the
        // thread that ran it answers; no call thread waits for the database.
        String customerId = this.validator.required("customer_id", request.getCustomerId());
        this.customers.findLater(customerId)
            .whenComplete((found, failure) -> Answers.answer(responses, found, failure, CustomerAnswers::message,
                    () -> CustomerService.notFound(customerId)));
    }

    @Override
    public void createCustomer(CreateCustomerRequest request,
            StreamObserver<dev.weir.retail.api.v1.Customer> responses) {
        CustomerRequests.Create create = this.validator
            .valid(new CustomerRequests.Create(request.getCustomerId(), request.getCountry()));
        Customer customer = this.customers.create(create.customerId(), create.country());
        responses.onNext(CustomerAnswers.message(customer));
        responses.onCompleted();
    }

    /**
     * A missing customer is NOT_FOUND before any message; the invoices are read as the
     * client takes them ({@link CustomerInvoiceMessages#invoicesOf}).
     */
    @Override
    public void listCustomerInvoices(ListCustomerInvoicesRequest request,
            StreamObserver<dev.weir.retail.api.v1.Invoice> responses) {
        String customerId = this.validator.required("customer_id", request.getCustomerId());
        ServerStreams.send(responses, this.invoices.invoicesOf(customerId).iterator());
    }

}
