package dev.weir.retail.customer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.weir.retail.system.CoalescingLookup;
import dev.weir.retail.system.RetailProperties;

import static dev.weir.retail.system.RetailSql.VERSION;

@Repository
class CustomerRepository {

    private static final String COLUMNS = "customer_id, country, " + VERSION + " AS version";

    private static final RowMapper<Customer> MAPPER = (rs, row) -> new Customer(rs.getString(1), rs.getString(2),
            rs.getLong(3));

    private final JdbcClient jdbc;

    private final CoalescingLookup<String, Customer> byId;

    CustomerRepository(JdbcClient jdbc, RetailProperties properties) {
        this.jdbc = jdbc;
        this.byId = properties.lookup(this::findAll);
    }

    /**
     * The customer, read with whatever other lookups run at the same moment (one query
     * for all).
     */
    Optional<Customer> find(String customerId) {
        return this.byId.get(customerId);
    }

    /**
     * {@link #find}, answered when the shared query has run; a query this lookup has to
     * start runs on {@code executor}.
     */
    CompletableFuture<Optional<Customer>> findLater(String customerId, Executor executor) {
        return this.byId.lookup(customerId, executor);
    }

    private Map<String, Customer> findAll(List<String> customerIds) {
        Map<String, Customer> found = new HashMap<>();
        this.jdbc.sql("SELECT " + COLUMNS + " FROM retail.customer WHERE customer_id = ANY(?)")
            .param(customerIds.toArray(String[]::new))
            .query(MAPPER)
            .list()
            .forEach((customer) -> found.put(customer.customerId(), customer));
        return found;
    }

    @PreDestroy
    void close() {
        this.byId.close();
    }

    Optional<Customer> findForUpdate(String customerId) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM retail.customer WHERE customer_id = ? FOR UPDATE")
            .param(customerId)
            .query(MAPPER)
            .optional();
    }

    /** Inserts the customer unless one with the same id exists; empty when it did. */
    Optional<Customer> insert(String customerId, String country) {
        return this.jdbc
            .sql("INSERT INTO retail.customer (customer_id, country) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING "
                    + COLUMNS)
            .params(customerId, country)
            .query(MAPPER)
            .optional();
    }

    Customer updateCountry(String customerId, String country) {
        return this.jdbc.sql(
                "UPDATE retail.customer SET country = ?, updated_at = clock_timestamp() WHERE customer_id = ? RETURNING "
                        + COLUMNS)
            .params(country, customerId)
            .query(MAPPER)
            .single();
    }

    boolean hasInvoices(String customerId) {
        return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM retail.invoice WHERE customer_id = ?)")
            .param(customerId)
            .query(Boolean.class)
            .single();
    }

    void delete(String customerId) {
        this.jdbc.sql("DELETE FROM retail.customer WHERE customer_id = ?").param(customerId).update();
    }

    /**
     * Customers in id order after {@code after}, optionally of one country; {@code limit}
     * rows at most.
     */
    List<Customer> list(String country, String after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM retail.customer WHERE true");
        var params = new java.util.ArrayList<Object>();
        if (country != null) {
            sql.append(" AND country = ?");
            params.add(country);
        }
        if (after != null) {
            sql.append(" AND customer_id > ?");
            params.add(after);
        }
        sql.append(" ORDER BY customer_id LIMIT ?");
        params.add(limit);
        return this.jdbc.sql(sql.toString()).params(params).query(MAPPER).list();
    }

}
