package dev.weir.retail.customer;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.weir.retail.system.RetailSql.VERSION;

@Repository
class CustomerRepository {

    private static final String COLUMNS = "customer_id, country, " + VERSION + " AS version";

    private static final RowMapper<Customer> MAPPER = (rs, row) -> new Customer(rs.getString(1), rs.getString(2),
            rs.getLong(3));

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Customer> find(String customerId) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM retail.customer WHERE customer_id = ?")
            .param(customerId)
            .query(MAPPER)
            .optional();
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
