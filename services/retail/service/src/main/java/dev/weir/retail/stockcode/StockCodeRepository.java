package dev.weir.retail.stockcode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.weir.retail.system.RetailSql;

import static dev.weir.retail.system.RetailSql.VERSION;

@Repository
class StockCodeRepository {

    private static final String COLUMNS = "stock_code, description, unit_price, kind, details, " + VERSION
            + " AS version";

    private static final RowMapper<StockCode> MAPPER = (rs, row) -> new StockCode(rs.getString(1), rs.getString(2),
            RetailSql.price(rs, 3), StockCodeKind.fromWireName(rs.getString(4)), rs.getString(5), rs.getLong(6));

    private final JdbcClient jdbc;

    StockCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StockCode> find(String code) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM retail.stock_code WHERE stock_code = ?")
            .param(code)
            .query(MAPPER)
            .optional();
    }

    Optional<StockCode> findForUpdate(String code) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM retail.stock_code WHERE stock_code = ? FOR UPDATE")
            .param(code)
            .query(MAPPER)
            .optional();
    }

    Optional<StockCode> insert(String code, String description, BigDecimal unitPrice, StockCodeKind kind,
            String details) {
        return this.jdbc
            .sql("INSERT INTO retail.stock_code (stock_code, description, unit_price, kind, details)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
            .params(code, description, unitPrice, kind.wireName(), details)
            .query(MAPPER)
            .optional();
    }

    StockCode update(String code, String description, BigDecimal unitPrice, StockCodeKind kind) {
        return this.jdbc.sql(
                "UPDATE retail.stock_code SET description = ?, unit_price = ?, kind = ?, updated_at = clock_timestamp()"
                        + " WHERE stock_code = ? RETURNING " + COLUMNS)
            .params(description, unitPrice, kind.wireName(), code)
            .query(MAPPER)
            .single();
    }

    /** The next number for a product's generated stock code. */
    long nextProductNumber() {
        return this.jdbc.sql("SELECT nextval('retail.product_number')").query(Long.class).single();
    }

    /**
     * Codes in order after {@code after}, optionally whose description contains
     * {@code text}.
     */
    List<StockCode> list(String text, StockCodeKind kind, String after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM retail.stock_code WHERE true");
        List<Object> params = new ArrayList<>();
        if (text != null) {
            sql.append(" AND strpos(lower(description), lower(?)) > 0");
            params.add(text);
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            params.add(kind.wireName());
        }
        if (after != null) {
            sql.append(" AND stock_code > ?");
            params.add(after);
        }
        sql.append(" ORDER BY stock_code LIMIT ?");
        params.add(limit);
        return this.jdbc.sql(sql.toString()).params(params).query(MAPPER).list();
    }

}
