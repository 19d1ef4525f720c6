package dev.weir.retail.export;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export: NDJSON pages in key order with the next key in a header, invoices with
 * their lines, and counts. Shares its database with the other Retail API tests: it uses
 * ids no other test does and pages from just before them.
 */
@RetailIT
class ExportApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void exportsCustomersInKeyOrderPageByPage() {
        for (String id : List.of("X-EXP-3", "X-EXP-1", "X-EXP-2")) {
            assertThat(
                    this.http.post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Iceland\"}").status())
                .isEqualTo(201);
        }
        var first = this.http.get("/export/customers?after=X-EXP-0&limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> rows = lines(first.body());
        assertThat(rows).extracting((row) -> row.get("customer_id").asString()).containsExactly("X-EXP-1", "X-EXP-2");
        assertThat(rows.get(0).get("country").asString()).isEqualTo("Iceland");
        assertThat(rows.get(0).get("updated_at").asString()).isNotBlank();
        assertThat(first.header("Weir-Next-After")).isEqualTo("X-EXP-2");
        var second = this.http.get("/export/customers?after=X-EXP-2&limit=2");
        assertThat(lines(second.body()).get(0).get("customer_id").asString()).isEqualTo("X-EXP-3");
    }

    @Test
    void exportsAnInvoiceWithItsLinesAndCountsEverything() {
        this.http.post("/customer", "{\"customer_id\": \"X-EXP-INV\", \"country\": \"Norway\"}");
        this.http.post("/stockcode",
                "{\"stock_code\": \"XEXP1\", \"description\": \"EXPORTED THING\", \"unit_price\": 1.5}");
        assertThat(this.http
            .post("/customer/X-EXP-INV/invoice",
                    "{\"invoice_no\": \"X900001\", \"invoice_date\": \"2026-11-21T10:00:00\"}")
            .status()).isEqualTo(201);
        this.http.post("/invoice/X900001/XEXP1", "{\"quantity\": 4}");
        this.http.post("/stockcode",
                "{\"stock_code\": \"XEXP2\", \"description\": \"OTHER THING\", \"unit_price\": 2}");
        assertThat(this.http.post("/invoice/X900001/XEXP2", "{\"quantity\": 3}").status()).isEqualTo(201);
        var page = this.http.get("/export/invoices?after=X900000&limit=1");
        JsonNode invoice = lines(page.body()).get(0);
        assertThat(invoice.get("invoice_no").asString()).isEqualTo("X900001");
        assertThat(invoice.get("customer_id").asString()).isEqualTo("X-EXP-INV");
        assertThat(invoice.get("invoice_date").asString()).isEqualTo("2026-11-21T10:00:00");
        assertThat(invoice.get("lines")).hasSize(2);
        assertThat(invoice.get("lines").get(1).get("quantity").asInt()).isEqualTo(3);
        assertThat(invoice.get("lines").get(1).get("stock_code").asString()).isEqualTo("XEXP2");
        assertThat(invoice.get("lines").get(0).get("unit_price").decimalValue()).isEqualByComparingTo("1.5");
        JsonNode counts = this.http.get("/export/counts").json();
        assertThat(counts.get("invoices").asLong()).isPositive();
        assertThat(counts.get("lines").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(counts.get("customers").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesALimitOutOfRangeWithAProblem() {
        var answer = this.http.get("/export/invoices?limit=0");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    private static List<JsonNode> lines(String body) {
        return body.lines().filter((line) -> !line.isBlank()).map(JSON::readTree).toList();
    }

}
