package dev.weir.retail.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.weir.retail.export.ExportRecords.ExportCounts;
import dev.weir.retail.export.ExportRecords.ExportedCustomer;
import dev.weir.retail.export.ExportRecords.ExportedInvoice;
import dev.weir.retail.export.ExportRecords.ExportedLine;
import dev.weir.retail.export.ExportRecords.ExportedStockCode;

/** The export's queries: keyset pages in key order (the identifiers' C collation). */
@Repository
class ExportRepository {

    private final JdbcClient jdbc;

    ExportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ExportedCustomer> customers(String after, int limit) {
        return this.jdbc
            .sql("SELECT customer_id, country, updated_at FROM retail.customer WHERE customer_id > ? "
                    + "ORDER BY customer_id LIMIT ?")
            .params(after, limit)
            .query((rs, n) -> new ExportedCustomer(rs.getString(1), rs.getString(2), instant(rs, 3)))
            .list();
    }

    List<ExportedStockCode> stockCodes(String after, int limit) {
        return this.jdbc
            .sql("SELECT stock_code, description, unit_price, kind, updated_at FROM retail.stock_code "
                    + "WHERE stock_code > ? ORDER BY stock_code LIMIT ?")
            .params(after, limit)
            .query((rs, n) -> new ExportedStockCode(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                    rs.getString(4), instant(rs, 5)))
            .list();
    }

    List<ExportedInvoice> invoices(String after, int limit) {
        List<Object[]> headers = this.jdbc
            .sql("SELECT invoice_no, invoice_date, customer_id, country, kind, updated_at FROM retail.invoice "
                    + "WHERE invoice_no > ? ORDER BY invoice_no LIMIT ?")
            .params(after, limit)
            .query((rs,
                    n) -> new Object[] { rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3),
                            rs.getString(4), rs.getString(5), instant(rs, 6) })
            .list();
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<String, List<ExportedLine>> lines = new LinkedHashMap<>();
        this.jdbc
            .sql("SELECT invoice_no, line_no, stock_code, description, quantity, unit_price FROM retail.invoice_line "
                    + "WHERE invoice_no > ? AND invoice_no <= ? ORDER BY invoice_no, line_no")
            .params(after, headers.get(headers.size() - 1)[0])
            .query((rs, n) -> lines.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>())
                .add(new ExportedLine(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getBigDecimal(6))))
            .list();
        List<ExportedInvoice> invoices = new ArrayList<>(headers.size());
        for (Object[] h : headers) {
            invoices
                .add(new ExportedInvoice((String) h[0], (java.time.LocalDateTime) h[1], (String) h[2], (String) h[3],
                        (String) h[4], (java.time.Instant) h[5], lines.getOrDefault((String) h[0], List.of())));
        }
        return invoices;
    }

    ExportCounts counts() {
        return this.jdbc
            .sql("SELECT (SELECT count(*) FROM retail.customer), (SELECT count(*) FROM retail.stock_code), "
                    + "(SELECT count(*) FROM retail.invoice), (SELECT count(*) FROM retail.invoice_line)")
            .query((rs, n) -> new ExportCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
            .single();
    }

    private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return (value != null) ? value.toInstant() : null;
    }

}
