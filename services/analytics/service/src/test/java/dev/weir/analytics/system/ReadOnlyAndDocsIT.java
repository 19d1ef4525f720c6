package dev.weir.analytics.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service may do with the warehouse, and how it describes itself. */
@AnalyticsIT
class ReadOnlyAndDocsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void theServicesRoleMayReadButNeverWriteTheWarehouse() throws SQLException {
        assertThat(this.jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(WarehouseReader.LOGIN);
        assertThat(this.jdbc.sql("SELECT count(*) FROM warehouse.agg_retail_daily").query(Long.class).single())
            .isPositive();
        // even in a transaction that asks to write, the role has no privilege to
        for (String write : new String[] { "INSERT INTO warehouse.agg_version (dataset) VALUES ('x')",
                "UPDATE warehouse.retail_invoice SET country = 'x'", "DELETE FROM warehouse.ride",
                "CREATE TABLE warehouse.intruder (id int)" }) {
            assertThat(failureOf(write)).as(write).isEqualTo("42501");
        }
        assertThat(JdbcClient.create(LoadedWarehouse.get().database.owner())
            .sql("SELECT has_table_privilege('weir_analytics', 'warehouse.retail_invoice', 'INSERT')")
            .query(Boolean.class)
            .single()).isFalse();
    }

    @Test
    void theApiIsDocumentedInOpenApiWithSwaggerUiAndRedoc() {
        Http http = new Http(this.port, "analytics.read");
        JsonNode openApi = http.get("/openapi.json").json();
        for (String path : new String[] { "/retail/revenue/monthly", "/retail/revenue/countries",
                "/retail/products/top", "/retail/customers/{customer_id}", "/retail/basket",
                "/fhrs/ratings/authorities", "/fhrs/ratings/business-types", "/fhrs/authorities/low-ratings",
                "/fhrs/establishments/near", "/weather/cities", "/weather/hourly", "/weather/daily", "/rides/hourly",
                "/rides/stations/busiest", "/rides/summary", "/fleet/battery", "/pipeline/health" }) {
            assertThat(openApi.get("paths").has(path)).as(path).isTrue();
        }
        assertThat(openApi.get("paths").has("/dashboard")).isFalse();
        assertThat(dev.weir.testing.infra.OpenApiRules.violationsWhenGuarded(openApi)).isEmpty();
        assertThat(openApi.get("components").get("schemas").has("Problem")).isTrue();
        assertThat(http.get("/docs").status()).isIn(200, 302);
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http.get("/redoc").status()).isEqualTo(200);
        // a path no rule names needs admin (so a new endpoint is never open by mistake)
        assertThat(http.get("/no/such/path").status()).isEqualTo(403);
        Http.Response unknown = http.get("/no/such/path", "Authorization", TestTokens.bearer("admin"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    /**
     * The SQL state a write fails with, in a transaction of its own that asked to write.
     */
    private String failureOf(String write) throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setReadOnly(false);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ WRITE");
                statement.execute(write);
                return "no failure";
            }
            catch (SQLException ex) {
                return ex.getSQLState();
            }
            finally {
                connection.rollback();
            }
        }
    }

}
