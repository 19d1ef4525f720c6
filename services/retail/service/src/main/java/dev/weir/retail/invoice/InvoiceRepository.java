package dev.weir.retail.invoice;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
import dev.weir.retail.system.RetailSql;

import static dev.weir.retail.system.RetailSql.VERSION;

@Repository
class InvoiceRepository {

    private static final String HEADER_COLUMNS = "invoice_no, invoice_date, customer_id, country, kind, " + VERSION
            + " AS version";

    private static final RowMapper<Invoice> HEADER = (rs, row) -> new Invoice(rs.getString(1),
            rs.getObject(2, LocalDateTime.class), rs.getString(3), rs.getString(4),
            InvoiceKind.fromWireName(rs.getString(5)), rs.getLong(6), List.of());

    private static final RowMapper<InvoiceLine> LINE = (rs, row) -> new InvoiceLine(rs.getString(1), rs.getInt(2),
            rs.getString(3), rs.getString(4), rs.getInt(5), RetailSql.price(rs, 6));

    private final JdbcClient jdbc;

    private final CoalescingLookup<String, Invoice> byNumber;

    InvoiceRepository(JdbcClient jdbc, RetailProperties properties) {
        this.jdbc = jdbc;
        this.byNumber = properties.lookup(this::findAll);
    }

    /**
     * The invoice and its lines, read with whatever other invoice lookups run at the same
     * moment (one query for all).
     */
    Optional<Invoice> find(String invoiceNo) {
        return this.byNumber.get(invoiceNo);
    }

    /**
     * {@link #find}, answered when the shared query has run; a query this lookup has to
     * start runs on {@code executor}.
     */
    CompletableFuture<Optional<Invoice>> findLater(String invoiceNo, Executor executor) {
        return this.byNumber.lookup(invoiceNo, executor);
    }

    /**
     * The invoices with their lines, in one round trip, by number (missing ones absent).
     */
    Map<String, Invoice> findAll(List<String> invoiceNumbers) {
        return this.jdbc.sql("""
                SELECT i.invoice_no, i.invoice_date, i.customer_id, i.country, i.kind,
                       (extract(epoch FROM i.updated_at) * 1000000)::bigint,
                       l.line_no, l.stock_code, l.description, l.quantity, l.unit_price
                FROM retail.invoice i LEFT JOIN retail.invoice_line l ON l.invoice_no = i.invoice_no
                WHERE i.invoice_no = ANY(?)
                ORDER BY i.invoice_no, l.line_no
                """).param(invoiceNumbers.toArray(String[]::new)).query((rs) -> {
            Map<String, Invoice> found = new HashMap<>();
            Invoice header = null;
            List<InvoiceLine> lines = new ArrayList<>();
            while (rs.next()) {
                String number = rs.getString(1);
                if (header == null || !header.invoiceNo().equals(number)) {
                    if (header != null) {
                        found.put(header.invoiceNo(), header.withLines(lines));
                        lines = new ArrayList<>();
                    }
                    header = HEADER.mapRow(rs, 0);
                }
                int lineNo = rs.getInt(7);
                if (!rs.wasNull()) {
                    lines.add(new InvoiceLine(number, lineNo, rs.getString(8), rs.getString(9), rs.getInt(10),
                            RetailSql.price(rs, 11)));
                }
            }
            if (header != null) {
                found.put(header.invoiceNo(), header.withLines(lines));
            }
            return found;
        });
    }

    @PreDestroy
    void close() {
        this.byNumber.close();
    }

    Optional<Invoice> findHeader(String invoiceNo) {
        return this.jdbc.sql("SELECT " + HEADER_COLUMNS + " FROM retail.invoice WHERE invoice_no = ?")
            .param(invoiceNo)
            .query(HEADER)
            .optional();
    }

    Optional<Invoice> lockHeader(String invoiceNo) {
        return this.jdbc.sql("SELECT " + HEADER_COLUMNS + " FROM retail.invoice WHERE invoice_no = ? FOR UPDATE")
            .param(invoiceNo)
            .query(HEADER)
            .optional();
    }

    /** Inserts the invoice unless the number is taken; empty when it was. */
    Optional<Invoice> insert(String invoiceNo, LocalDateTime invoiceDate, String customerId, String country,
            InvoiceKind kind) {
        return this.jdbc.sql("""
                INSERT INTO retail.invoice (invoice_no, invoice_date, customer_id, country, kind)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING
                """ + HEADER_COLUMNS)
            .params(invoiceNo, invoiceDate, customerId, country, kind.wireName())
            .query(HEADER)
            .optional();
    }

    List<String> numbersOf(String customerId) {
        return this.jdbc.sql("SELECT invoice_no FROM retail.invoice WHERE customer_id = ? ORDER BY invoice_no")
            .param(customerId)
            .query(String.class)
            .list();
    }

    List<InvoiceLine> linesWithCode(String invoiceNo, String stockCode) {
        return this.jdbc.sql("""
                SELECT invoice_no, line_no, stock_code, description, quantity, unit_price
                FROM retail.invoice_line WHERE invoice_no = ? AND stock_code = ? ORDER BY line_no
                """).params(invoiceNo, stockCode).query(LINE).list();
    }

    InvoiceLine insertLine(String invoiceNo, String stockCode, String description, int quantity, BigDecimal unitPrice) {
        return this.jdbc.sql("""
                INSERT INTO retail.invoice_line (invoice_no, line_no, stock_code, description, quantity, unit_price)
                SELECT ?, coalesce(max(line_no), 0) + 1, ?, ?, ?, ? FROM retail.invoice_line WHERE invoice_no = ?
                RETURNING invoice_no, line_no, stock_code, description, quantity, unit_price
                """).params(invoiceNo, stockCode, description, quantity, unitPrice, invoiceNo).query(LINE).single();
    }

    void touch(String invoiceNo) {
        this.jdbc.sql("UPDATE retail.invoice SET updated_at = clock_timestamp() WHERE invoice_no = ?")
            .param(invoiceNo)
            .update();
    }

}
