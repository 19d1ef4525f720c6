package dev.weir.retail.customer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.weir.platform.error.WeirException;
import dev.weir.retail.identifier.CustomerIds;
import dev.weir.retail.outbox.Outbox;
import dev.weir.retail.outbox.RetailEvent;
import dev.weir.retail.system.Page;
import dev.weir.retail.system.PageLimits;
import dev.weir.retail.system.VersionCondition;

/**
 * Customers: the rules for creating, changing and removing them, whatever the transport.
 */
@Service
public class CustomerService {

    private final CustomerRepository customers;

    private final PageLimits limits;

    private final Outbox events;

    CustomerService(CustomerRepository customers, PageLimits limits, Outbox events) {
        this.customers = customers;
        this.limits = limits;
        this.events = events;
    }

    public Customer get(String customerId) {
        return find(customerId).orElseThrow(() -> notFound(customerId));
    }

    public Optional<Customer> find(String customerId) {
        String id = CustomerIds.canonical(customerId);
        return (id != null) ? this.customers.find(id) : Optional.empty();
    }

    /**
     * {@link #find}, shared with the lookups of the same moment: completes, on the thread
     * that ran the query, when the customer has been read. A query this lookup has to
     * start runs on the caller's thread.
     */
    public CompletableFuture<Optional<Customer>> findLater(String customerId) {
        return findLater(customerId, Runnable::run);
    }

    /**
     * {@link #findLater(String)} for a caller that must not block: a query this lookup
     * has to start runs on {@code executor}.
     */
    public CompletableFuture<Optional<Customer>> findLater(String customerId, Executor executor) {
        String id = CustomerIds.canonical(customerId);
        return (id != null) ? this.customers.findLater(id, executor)
                : CompletableFuture.completedFuture(Optional.empty());
    }

    /** Creates a customer; {@code already-exists} if the id is taken. */
    @Transactional
    public Customer create(String customerId, String country) {
        String id = CustomerIds.canonical(customerId);
        Customer created = this.customers.insert(id, country.strip())
            .orElseThrow(() -> WeirException
                .alreadyExists("Customer exists", "A customer with customer_id '" + id + "' already exists.")
                .with("customer_id", id));
        this.events.append(RetailEvent.CUSTOMER_CREATED, id, CustomerResponse.of(created));
        return created;
    }

    /**
     * Changes the customer's country if its version matches the condition. A {@code null}
     * country changes nothing but still checks the condition (an empty merge patch with a
     * stale {@code If-Match} is 412).
     */
    @Transactional
    public Customer changeCountry(String customerId, String country, VersionCondition condition) {
        Customer current = lockMatching(customerId, condition);
        if (country == null || current.country().equals(country.strip())) {
            return current;
        }
        Customer changed = this.customers.updateCountry(current.customerId(), country.strip());
        this.events.append(RetailEvent.CUSTOMER_UPDATED, changed.customerId(), CustomerResponse.of(changed));
        return changed;
    }

    /**
     * Deletes a customer that has no invoices; {@code customer-has-invoices} conflict
     * otherwise.
     */
    @Transactional
    public void delete(String customerId, VersionCondition condition) {
        Customer current = lockMatching(customerId, condition);
        if (this.customers.hasInvoices(current.customerId())) {
            throw WeirException
                .conflict("customer-has-invoices", "Customer has invoices",
                        "Customer '" + current.customerId()
                                + "' has invoices and cannot be deleted; invoices are kept as records.")
                .with("customer_id", current.customerId());
        }
        this.customers.delete(current.customerId());
        this.events.append(RetailEvent.CUSTOMER_DELETED, current.customerId(), CustomerResponse.of(current));
    }

    public Page<Customer> list(String country, String after, Integer limit) {
        int size = this.limits.resolve(limit);
        return Page.of(this.customers.list(country, after, size + 1), size, Customer::customerId);
    }

    private Customer lockMatching(String customerId, VersionCondition condition) {
        String id = CustomerIds.canonical(customerId);
        Customer current = ((id != null) ? this.customers.findForUpdate(id) : Optional.<Customer>empty())
            .orElseThrow(() -> notFound(customerId));
        if (!condition.matches(current.version())) {
            throw WeirException.preconditionFailed("Customer '" + id + "' has changed since the version in If-Match.")
                .with("customer_id", id);
        }
        return current;
    }

    static WeirException notFound(String customerId) {
        return WeirException.notFound("Customer not found", "No customer with customer_id '" + customerId + "'.")
            .with("customer_id", customerId);
    }

}
