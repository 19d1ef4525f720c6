package dev.weir.analytics.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    @Test
    void theOpenApiDocumentDeclaresWhatEveryOperationAnswers() {
        Http http = new Http(this.port, "analytics.read");
        JsonNode paths = http.get("/openapi.json").json().get("paths");
        // each operation: a call it answers, and one it refuses for a bad parameter (if
        // it
        // reads any) or an unknown thing
        Map<String, List<String>> calls = Map.ofEntries(
                Map.entry("/retail/revenue/monthly", List.of("", "?from=2011-13")),
                Map.entry("/retail/revenue/countries", List.of("", "?to=x")),
                Map.entry("/retail/products/top", List.of("?limit=2", "?limit=0")),
                Map.entry("/retail/customers/{customer_id}", List.of("/17850", "/99999")),
                Map.entry("/retail/basket", List.of("", "?interval=week")),
                Map.entry("/fhrs/ratings/authorities", List.of("?limit=2", "?limit=0")),
                Map.entry("/fhrs/ratings/business-types", List.of("")),
                Map.entry("/fhrs/authorities/low-ratings", List.of("?limit=2", "?min_rated=0")),
                Map.entry("/fhrs/establishments/near", List.of("?lat=51.54&lon=0.02&limit=2", "?lat=x&lon=0.02")),
                Map.entry("/weather/cities", List.of("")),
                Map.entry("/weather/hourly", List.of("?city=Copenhagen&limit=2", "?city=Copenhagen&from=x")),
                Map.entry("/weather/daily", List.of("?city=Berlin", "?city=Atlantis")),
                Map.entry("/rides/hourly", List.of("", "?from=x")),
                Map.entry("/rides/stations/busiest", List.of("?limit=2", "?after=x")),
                Map.entry("/rides/summary", List.of("", "?to=x")), Map.entry("/fleet/battery", List.of("")),
                Map.entry("/pipeline/health", List.of("")));
        assertThat(calls.keySet()).as("every operation has its calls here")
            .isEqualTo(new TreeSet<>(paths.propertyNames()));
        List<String> undeclared = new ArrayList<>();
        calls.forEach((path, tries) -> {
            String answered = path.replace("/{customer_id}", "") + tries.get(0);
            Http.Response ok = http.get(answered);
            Map<Http.Response, Set<Integer>> answers = new java.util.LinkedHashMap<>();
            answers.put(ok, Set.of(200));
            answers.put(http.get(answered, "If-None-Match", ok.header("ETag")), Set.of(304));
            answers.put(http.get(answered, "Accept", "text/csv"), Set.of(406));
            tries.stream()
                .skip(1)
                .forEach((refused) -> answers.put(http.get(path.replace("/{customer_id}", "") + refused),
                        Set.of(404, 422)));
            JsonNode declared = paths.get(path).get("get").get("responses");
            answers.forEach((answer, expected) -> {
                assertThat(answer.status()).as(path + ": " + answer).isIn(expected);
                if (!declared.has(Integer.toString(answer.status()))) {
                    undeclared.add(path + " answers " + answer.status());
                }
            });
        });
        assertThat(undeclared).isEmpty();
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
